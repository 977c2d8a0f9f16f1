import type { IncomingMessage } from 'node:http';
import { BODY_READ_TIMEOUT_MS, BodyTimeoutError, PayloadTooLargeError, declaredTooLarge, maxBodyBytes } from './body-limit';
import type { BodyReadOptions } from './read-request-body';

/**
 * The node:http twin of readRequestText, for the server.ts fast path: the same limit, the
 * same errors. Past the limit (or the deadline) it stops listening and pauses the request, so
 * nothing more is buffered; the caller answers with `Connection: close` and the socket goes
 * away with whatever the client was still sending.
 */
export function readIncomingText(req: IncomingMessage, opts: BodyReadOptions = {}): Promise<string> {
  const limit = opts.limit ?? maxBodyBytes();
  const timeoutMs = opts.timeoutMs ?? BODY_READ_TIMEOUT_MS;
  if (declaredTooLarge(req.headers['content-length'], limit)) return Promise.reject(new PayloadTooLargeError(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (error: Error | null) => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onError);
      if (!error) return resolve(new TextDecoder().decode(Buffer.concat(chunks, size)));
      req.pause();
      chunks.length = 0;
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) stop(new PayloadTooLargeError(limit));
      else chunks.push(chunk);
    };
    const onEnd = () => stop(null);
    const onError = (error: Error) => stop(error);
    const timer = setTimeout(() => stop(new BodyTimeoutError(timeoutMs)), timeoutMs);
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}
