/**
 * The caller's address, for rate limits. Forwarding headers are whatever the client chose to
 * send unless a proxy we trust wrote them, so they are never taken at face value:
 *
 * - Under `server.ts` (production, e2e) the node:http server stamps every request with
 *   `x-baton-client-ip`, computed from the socket address and `TRUSTED_PROXY_HOPS`, after
 *   deleting any copy the client sent (`stamp-client-ip.ts`). Only then is that header read.
 * - Without `server.ts` (`next dev`, `next start`, route handlers called by tests) there is
 *   no socket address to read: with `TRUSTED_PROXY_HOPS=N` the Nth x-forwarded-for entry
 *   from the right is used (the one our first proxy appended); without it every caller
 *   shares the address `unknown`. Sharing one bucket cannot be bypassed, only exhausted,
 *   which is the safe way to fail on a dev server. Next's own `x-forwarded-for ??= socket`
 *   is useless here: it keeps a forged header.
 */
export const CLIENT_IP_HEADER = 'x-baton-client-ip';

// Set by stamp-client-ip.ts when server.ts loads; Next's bundled copy of this module is a
// different module instance in the same process, so the flag lives on globalThis.
const STAMPED = Symbol.for('baton.clientIpStamped');

export function markClientIpStamped(on = true): void {
  (globalThis as Record<symbol, unknown>)[STAMPED] = on;
}

export function clientIpIsStamped(): boolean {
  return (globalThis as Record<symbol, unknown>)[STAMPED] === true;
}

/** `TRUSTED_PROXY_HOPS`: how many reverse proxies stand between the internet and Baton (default 0). */
export function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
  const raw = env.TRUSTED_PROXY_HOPS?.trim();
  if (!raw) return 0;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= 10 ? n : 0;
}

/**
 * The chain is the x-forwarded-for entries followed by the address that connected to us.
 * With `hops` proxies in front, the last `hops` links were appended by them and the one
 * before is the client; anything further left is the client's to forge. A chain shorter
 * than that (a request that skipped a proxy) yields its leftmost entry, like Express's
 * `trust proxy <n>`.
 */
export function clientIpFromChain(forwardedFor: string | null | undefined, remoteAddress: string | null | undefined, hops: number): string {
  const chain = (forwardedFor ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (remoteAddress) chain.push(remoteAddress);
  if (chain.length === 0) return 'unknown';
  return normalizeIp(chain[Math.max(0, chain.length - 1 - hops)]!);
}

/** `::ffff:10.0.0.1` and `10.0.0.1` are one client. */
function normalizeIp(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return (mapped ? mapped[1]! : ip).toLowerCase();
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** The client address from request headers (a Request's, next/headers', or next-auth's plain object). */
export function clientIpFromHeaders(headers: HeaderSource, env: Record<string, string | undefined> = process.env): string {
  if (clientIpIsStamped()) return header(headers, CLIENT_IP_HEADER)?.trim() || 'unknown';
  const hops = trustedProxyHops(env);
  if (hops === 0) return 'unknown';
  // No socket address here: the last entry stands in for it (Next appends the socket
  // address only when the header is absent, and a proxy always sends one).
  return clientIpFromChain(header(headers, 'x-forwarded-for'), null, hops - 1);
}

export function clientIp(req: Request): string {
  return clientIpFromHeaders(req.headers);
}
