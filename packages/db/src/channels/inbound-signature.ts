import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-baton-signature';
export const TIMESTAMP_HEADER = 'x-baton-timestamp';
/** Signed requests older or newer than this are refused (replay window). */
export const SIGNATURE_TOLERANCE_MS = 5 * 60 * 1000;

/** `sha256=<hex>` of HMAC-SHA256(secret, "<timestamp>.<raw body>"), timestamp in unix seconds. */
export function signPayload(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifySignature(opts: {
  secret: string;
  rawBody: string;
  timestamp: string | null;
  signature: string | null;
  now?: number;
}): SignatureCheck {
  if (!opts.timestamp || !opts.signature) return { ok: false, reason: `Missing ${TIMESTAMP_HEADER} or ${SIGNATURE_HEADER} header` };
  if (!/^\d{1,12}$/.test(opts.timestamp)) return { ok: false, reason: `${TIMESTAMP_HEADER} must be unix seconds` };
  const skew = Math.abs((opts.now ?? Date.now()) - Number(opts.timestamp) * 1000);
  if (skew > SIGNATURE_TOLERANCE_MS) return { ok: false, reason: 'The signature timestamp is outside the 5 minute window' };
  const expected = Buffer.from(signPayload(opts.secret, opts.timestamp, opts.rawBody));
  const given = Buffer.from(opts.signature.trim());
  // Constant time: compare equal-length buffers only, and always run the comparison.
  const same = expected.length === given.length && timingSafeEqual(expected, given);
  return same ? { ok: true } : { ok: false, reason: 'The signature does not match' };
}
