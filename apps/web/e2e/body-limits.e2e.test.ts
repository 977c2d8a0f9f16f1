// Bounded request bodies on the production server (apps/web/server.ts): the ingestion fast
// path and the routes Next serves answer 413 naming the limit to a 2 MiB body, declared or
// streamed chunked, and keep serving afterwards (security review #4).
import { describe, expect, it } from 'vitest';
import { postRawBody } from '../src/security/post-raw-body';

const base = () => new URL(process.env.BATON_E2E_URL!);
const MiB = 1 << 20;

/** A raw HTTP request: `chunked` streams the body in 64 KiB chunks with no Content-Length. */
function send(path: string, headers: Record<string, string>, size: number, chunked: boolean) {
  return postRawBody({ host: base().hostname, port: base().port, path, headers: { 'content-type': 'application/json', ...headers }, size, chunked });
}

function expectTooLarge(r: { status: number | null; body: string }) {
  expect(r.status).toBe(413);
  const parsed = JSON.parse(r.body) as { error: { code: string; message: string } };
  expect(parsed.error.code).toBe('payload_too_large');
  expect(parsed.error.message).toContain(String(MiB));
}

describe('request body limit on the production server', () => {
  const channel = () => `/api/v1/channels/${process.env.BATON_E2E_CHANNEL_ID}/messages`;
  const key = () => ({ authorization: `Bearer ${process.env.BATON_E2E_API_KEY}` });
  const signed = { 'x-baton-timestamp': String(Math.floor(Date.now() / 1000)), 'x-baton-signature': 'sha256=00' };

  for (const chunked of [false, true]) {
    const how = chunked ? 'streamed chunked' : 'with Content-Length';
    it(`fast path (API key): 2 MiB ${how} → 413`, async () => {
      const r = await send(channel(), key(), 2 * MiB, chunked);
      expectTooLarge(r);
      expect(r.written).toBeLessThan(2 * MiB + 1);
    });
    it(`signed inbound through Next: 2 MiB ${how} → 413`, async () => {
      expectTooLarge(await send(channel(), signed, 2 * MiB, chunked));
    });
    it(`an API route through Next (POST /api/v1/workflows): 2 MiB ${how} → 413`, async () => {
      expectTooLarge(await send('/api/v1/workflows', key(), 2 * MiB, chunked));
    });
  }

  it('a 50 MiB chunked upload to the fast path is cut off early, and the server keeps serving', async () => {
    const r = await send(channel(), key(), 50 * MiB, true);
    expectTooLarge(r);
    expect(r.written).toBeLessThan(20 * MiB);
    const ok = await fetch(`${process.env.BATON_E2E_URL}${channel()}`, {
      method: 'POST',
      headers: { ...key(), 'content-type': 'application/json' },
      body: JSON.stringify({ contact: { externalId: 'e2e-after-big' }, text: 'still here' }),
    });
    expect(ok.status).toBe(201);
  });
});
