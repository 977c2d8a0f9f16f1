import { BODY_READ_TIMEOUT_MS, BodyTimeoutError, PayloadTooLargeError, declaredTooLarge, maxBodyBytes } from './body-limit';

export type BodyReadOptions = { limit?: number; timeoutMs?: number };

/**
 * A Web `Request`'s body as text, read chunk by chunk and abandoned as soon as it passes the
 * limit (`req.text()` would buffer all of it first). A declared Content-Length over the limit
 * is refused before reading. Throws PayloadTooLargeError / BodyTimeoutError, which the API's
 * error mapping turns into 413 / 408.
 */
export async function readRequestText(req: Request, opts: BodyReadOptions = {}): Promise<string> {
  const limit = opts.limit ?? maxBodyBytes();
  const timeoutMs = opts.timeoutMs ?? BODY_READ_TIMEOUT_MS;
  if (declaredTooLarge(req.headers.get('content-length'), limit)) throw new PayloadTooLargeError(limit);
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BodyTimeoutError(timeoutMs)), timeoutMs);
  });
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), deadline]);
      if (done) break;
      size += value.byteLength;
      if (size > limit) throw new PayloadTooLargeError(limit);
      chunks.push(value);
    }
  } catch (error) {
    // Stop pulling from the socket: what is still in flight is never buffered.
    void reader.cancel().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
  // TextDecoder, like req.text(): UTF-8 with replacement characters, a leading BOM dropped.
  return new TextDecoder().decode(Buffer.concat(chunks, size));
}
