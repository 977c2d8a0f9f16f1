import ipaddr from 'ipaddr.js';

// Global unicast IPv6 lives in 2000::/3. Anything outside it (the IPv4-compatible ::/96,
// NAT64's 64:ff9b::/96, unique-local, link-local, multicast) either is not routable on the
// internet or embeds an IPv4 address the route would end up at.
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * Whether an outbound webhook may connect to this address: public unicast only.
 * ipaddr.js does the classification: `process()` unwraps IPv4-mapped IPv6 (::ffff:a.b.c.d,
 * which the URL parser rewrites to ::ffff:7f00:1 and a prefix check misses), and `range()`
 * names loopback, private, link-local, CGNAT, multicast, benchmarking (198.18/15), 192.0.0/24,
 * the TEST-NETs, 6to4, Teredo and NAT64, which are all refused.
 */
export function isPublicAddress(address: string): boolean {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(address);
  } catch {
    return false;
  }
  if (parsed.range() !== 'unicast') return false;
  return parsed.kind() === 'ipv4' || (parsed as ipaddr.IPv6).match(GLOBAL_UNICAST_V6);
}
