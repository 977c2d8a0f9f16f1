import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/**
 * Outbound webhooks are URLs a workspace admin typed: without a check, a tenant could make
 * Baton's worker call internal services (SSRF). Private, loopback and link-local targets
 * are refused unless BATON_ALLOW_PRIVATE_OUTBOUND=1 (local development and tests, whose
 * receivers listen on 127.0.0.1). The check resolves the name once before the request;
 * a DNS answer that changes between check and connect is not covered.
 */
export function isPrivateAddress(address: string): boolean {
  if (isIP(address) === 4) {
    const [a, b] = address.split('.').map(Number) as [number, number];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224
    );
  }
  const v6 = address.toLowerCase();
  if (v6.startsWith('::ffff:')) return isPrivateAddress(v6.slice(7));
  return v6 === '::' || v6 === '::1' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe80');
}

export type DestinationCheck = { ok: true } | { ok: false; error: string };

export async function checkOutboundDestination(rawUrl: string, env: NodeJS.ProcessEnv = process.env): Promise<DestinationCheck> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, error: 'The outbound URL is not a valid URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, error: 'The outbound URL must use http or https' };
  if (env.BATON_ALLOW_PRIVATE_OUTBOUND === '1') return { ok: true };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    return { ok: false, error: `The outbound host ${host} does not resolve` };
  }
  if (addresses.some(isPrivateAddress)) {
    return { ok: false, error: `Refused: ${host} is a private or loopback address (set BATON_ALLOW_PRIVATE_OUTBOUND=1 to allow)` };
  }
  return { ok: true };
}
