import { request } from 'node:http';

export type RawBodyResult = { status: number | null; body: string; written: number };

/**
 * A raw HTTP POST of `size` filler bytes, for the body-limit tests: `chunked` streams it in
 * 64 KiB chunks with no Content-Length, otherwise the length is declared. Honours backpressure
 * and stops writing as soon as the server answers or closes, so `written` shows how much the
 * server let through before refusing.
 */
export function postRawBody(opts: {
  host: string;
  port: number | string;
  path: string;
  headers: Record<string, string>;
  size: number;
  chunked: boolean;
  /** How long to wait for a late response after the socket closes. */
  settleMs?: number;
}): Promise<RawBodyResult> {
  return new Promise((resolve) => {
    let status: number | null = null;
    let body = '';
    let written = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve({ status, body, written });
    };
    const req = request({
      host: opts.host,
      port: opts.port,
      method: 'POST',
      path: opts.path,
      headers: { ...opts.headers, ...(opts.chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(opts.size) }) },
    });
    req.on('response', (res) => {
      status = res.statusCode ?? null;
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', finish);
      res.on('error', finish);
    });
    req.on('error', finish);
    req.on('close', () => setTimeout(finish, opts.settleMs ?? 200));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!done && status === null && written < opts.size) {
        const n = Math.min(chunk.length, opts.size - written);
        written += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void req.once('drain', pump);
      }
      if (written >= opts.size) req.end();
    };
    pump();
  });
}
