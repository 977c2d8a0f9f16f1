import { BLOCKED_DESTINATION } from './outbound-lookup';

const CATEGORIES: Array<[RegExp, string]> = [
  [/^ECONNREFUSED$/, 'Connection refused'],
  [/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED)$/, 'Connection closed by the receiver'],
  [/^(ENOTFOUND|EAI_AGAIN|EAI_NODATA|EAI_NONAME)$/, 'The host does not resolve'],
  [/^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/, 'Timed out'],
  [/^(ENETUNREACH|EHOSTUNREACH|EADDRNOTAVAIL)$/, 'The host is unreachable'],
  [/^(ERR_TLS_|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_)/, 'TLS handshake failed'],
];

/**
 * A failed send as a fixed category ("Connection refused", "Timed out after 5000 ms"), never
 * the error's own text: messages from sockets and parsers can quote what the other side sent.
 */
export function describeSendFailure(error: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `Timed out after ${timeoutMs} ms`;
  let e = error as { code?: string; message?: string; cause?: unknown } | undefined;
  // undici wraps connect errors; the cause carries the errno code.
  for (let depth = 0; e && depth < 4; depth++, e = e.cause as typeof e) {
    if (e.code === BLOCKED_DESTINATION) return e.message!;
    const code = e.code ?? '';
    for (const [pattern, label] of CATEGORIES) if (pattern.test(code)) return label;
  }
  return 'Connection failed';
}
