import { describe, expect, it } from 'vitest';
import { signPayload, verifySignature } from './inbound-signature';

const secret = 's3cret';
const body = JSON.stringify({ text: 'hi' });
const now = 1_800_000_000_000;
const ts = String(now / 1000);

describe('inbound signature', () => {
  it('accepts a correct signature inside the window', () => {
    expect(verifySignature({ secret, rawBody: body, timestamp: ts, signature: signPayload(secret, ts, body), now })).toEqual({ ok: true });
  });
  it('rejects a wrong secret', () => {
    expect(verifySignature({ secret, rawBody: body, timestamp: ts, signature: signPayload('other', ts, body), now }).ok).toBe(false);
  });
  it('rejects a tampered body', () => {
    expect(verifySignature({ secret, rawBody: body + ' ', timestamp: ts, signature: signPayload(secret, ts, body), now }).ok).toBe(false);
  });
  it('rejects stale and future timestamps', () => {
    const old = String(now / 1000 - 301);
    expect(verifySignature({ secret, rawBody: body, timestamp: old, signature: signPayload(secret, old, body), now })).toMatchObject({ ok: false, reason: expect.stringMatching(/window/) });
    const future = String(now / 1000 + 301);
    expect(verifySignature({ secret, rawBody: body, timestamp: future, signature: signPayload(secret, future, body), now }).ok).toBe(false);
  });
  it('rejects missing headers and malformed signatures', () => {
    expect(verifySignature({ secret, rawBody: body, timestamp: null, signature: 'x', now }).ok).toBe(false);
    expect(verifySignature({ secret, rawBody: body, timestamp: ts, signature: 'sha256=zz', now }).ok).toBe(false);
  });
});
