import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_IP_HEADER, clientIpFromChain, clientIpFromHeaders, markClientIpStamped, trustedProxyHops } from './client-ip';
import { stampClientIp } from './stamp-client-ip';

afterEach(() => markClientIpStamped(false));

function incoming(remoteAddress: string, headers: Record<string, string>): IncomingMessage {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { headers: lower, rawHeaders: Object.entries(headers).flat(), socket: { remoteAddress } } as unknown as IncomingMessage;
}

describe('client IP: the socket, unless TRUSTED_PROXY_HOPS says who appended x-forwarded-for', () => {
  it('with no trusted proxy the socket address wins over anything the client wrote', () => {
    expect(clientIpFromChain('6.6.6.6, 7.7.7.7', '203.0.113.5', 0)).toBe('203.0.113.5');
    expect(clientIpFromChain(undefined, '::ffff:203.0.113.5', 0)).toBe('203.0.113.5');
  });

  it('with N proxies, the entry the first of them appended (Nth from the right of XFF)', () => {
    // client forged "6.6.6.6"; our proxy (10.0.0.2, the socket) appended the real 198.51.100.7
    expect(clientIpFromChain('6.6.6.6, 198.51.100.7', '10.0.0.2', 1)).toBe('198.51.100.7');
    // CDN appended the client, the load balancer appended the CDN, the socket is the load balancer
    expect(clientIpFromChain('6.6.6.6, 198.51.100.7, 172.16.0.9', '10.0.0.2', 2)).toBe('198.51.100.7');
    // a request that skipped a proxy: the leftmost known entry, never past the chain
    expect(clientIpFromChain(undefined, '10.0.0.2', 3)).toBe('10.0.0.2');
  });

  it('reads TRUSTED_PROXY_HOPS strictly (anything odd is 0: trust nobody)', () => {
    expect(trustedProxyHops({})).toBe(0);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: '2' })).toBe(2);
    for (const bad of ['-1', '1.5', 'yes', '99']) expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: bad })).toBe(0);
  });

  it('server.ts stamps the socket address and overwrites a forged x-baton-client-ip', () => {
    const req = incoming('203.0.113.5', { 'X-Forwarded-For': '6.6.6.6', 'X-Baton-Client-Ip': '1.2.3.4' });
    expect(stampClientIp(req, {})).toBe('203.0.113.5');
    expect(req.headers[CLIENT_IP_HEADER]).toBe('203.0.113.5');
    expect(req.rawHeaders.filter((h) => h.toLowerCase() === CLIENT_IP_HEADER)).toHaveLength(1);
    expect(req.rawHeaders).not.toContain('1.2.3.4');
    const proxied = incoming('10.0.0.2', { 'x-forwarded-for': '6.6.6.6, 198.51.100.7' });
    expect(stampClientIp(proxied, { TRUSTED_PROXY_HOPS: '1' })).toBe('198.51.100.7');
  });

  it('route code trusts the stamp only under server.ts; elsewhere XFF only with TRUSTED_PROXY_HOPS, else one shared "unknown"', () => {
    const headers = new Headers({ [CLIENT_IP_HEADER]: '203.0.113.5', 'x-forwarded-for': '6.6.6.6, 198.51.100.7' });
    expect(clientIpFromHeaders(headers, {})).toBe('unknown');
    expect(clientIpFromHeaders(headers, { TRUSTED_PROXY_HOPS: '1' })).toBe('198.51.100.7');
    expect(clientIpFromHeaders(headers, { TRUSTED_PROXY_HOPS: '2' })).toBe('6.6.6.6');
    markClientIpStamped(true);
    expect(clientIpFromHeaders(headers, { TRUSTED_PROXY_HOPS: '1' })).toBe('203.0.113.5');
    expect(clientIpFromHeaders({ [CLIENT_IP_HEADER]: '203.0.113.9' })).toBe('203.0.113.9');
  });
});
