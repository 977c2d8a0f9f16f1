/**
 * Every request body Baton reads is bounded before it is read: far above a 10,000-character
 * message or a 100-step workflow, far below what lets a few concurrent uploads exhaust the
 * web process's memory. Next caps server-action bodies itself (bodySizeLimit, 1 MB); the
 * route handlers and the server.ts fast path read through the readers here.
 */
export const DEFAULT_MAX_BODY_BYTES = 1 << 20;
/** A ≤1 MiB body arrives in well under a second on any real link; a slower one is holding a socket. */
export const BODY_READ_TIMEOUT_MS = 15_000;

/** `BATON_MAX_BODY_BYTES`, read on every call so tests and operators can change it without a restart. */
export function maxBodyBytes(env: Record<string, string | undefined> = process.env): number {
  const raw = Number(env.BATON_MAX_BODY_BYTES);
  return Number.isSafeInteger(raw) && raw > 0 ? raw : DEFAULT_MAX_BODY_BYTES;
}

export class PayloadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than the limit of ${limit} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}

export class BodyTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The request body did not arrive within ${timeoutMs / 1000} s`);
    this.name = 'BodyTimeoutError';
  }
}

/**
 * 413 naming the limit. `Connection: close`: the rest of an oversized upload is never read,
 * so the connection cannot carry another request.
 */
export function payloadTooLargeReply(limit: number) {
  const message = `The request body is larger than the limit of ${limit} bytes (${formatBytes(limit)}); send a smaller body`;
  return {
    status: 413,
    body: { error: { code: 'payload_too_large', message, details: [{ field: '(body)', message: `at most ${limit} bytes` }] } },
    headers: { Connection: 'close' },
  };
}

export function bodyTimeoutReply(timeoutMs: number) {
  const message = `The request body did not arrive within ${timeoutMs / 1000} s; send it in one go`;
  return { status: 408, body: { error: { code: 'request_timeout', message } }, headers: { Connection: 'close' } };
}

/** A Content-Length larger than the limit: refused before a byte of the body is read. */
export function declaredTooLarge(contentLength: string | null | undefined, limit: number): boolean {
  if (contentLength == null || contentLength === '') return false;
  const n = Number(contentLength);
  return !Number.isFinite(n) || n > limit;
}

function formatBytes(n: number): string {
  if (n % (1 << 20) === 0) return `${n / (1 << 20)} MiB`;
  if (n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}
