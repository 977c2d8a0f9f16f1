import type { IncomingMessage } from 'node:http';
import { CLIENT_IP_HEADER, clientIpFromChain, markClientIpStamped, trustedProxyHops } from './client-ip';

/**
 * Called by server.ts for every request before Next or the fast path sees it: replaces any
 * client-sent `x-baton-client-ip` with the address computed from the socket and the
 * `TRUSTED_PROXY_HOPS` count, so route handlers and server actions (which see headers,
 * never the socket) read an address the client cannot choose.
 */
export function stampClientIp(req: IncomingMessage, env: Record<string, string | undefined> = process.env): string {
  const forwarded = req.headers['x-forwarded-for'];
  const ip = clientIpFromChain(Array.isArray(forwarded) ? forwarded.join(',') : forwarded, req.socket.remoteAddress, trustedProxyHops(env));
  req.headers[CLIENT_IP_HEADER] = ip;
  // rawHeaders is what some readers (and Next's request adapters) copy from: keep them in step.
  const raw: string[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]!.toLowerCase() !== CLIENT_IP_HEADER) raw.push(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  }
  raw.push(CLIENT_IP_HEADER, ip);
  req.rawHeaders.splice(0, req.rawHeaders.length, ...raw);
  return ip;
}

/** From now on in this process, `x-baton-client-ip` is ours (server.ts calls this once at start). */
export function trustStampedClientIp(): void {
  markClientIpStamped(true);
}
