import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signPayload } from './inbound-signature';
import { checkOutboundDestination } from './outbound-destination';

export type PostOutcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/**
 * POSTs JSON to a channel's receiver, signed the same way inbound requests are
 * (HMAC-SHA256 of "<unix seconds>.<raw body>"), so one verifier serves both directions.
 * Never throws: network errors, timeouts and non-2xx answers are outcomes.
 */
export async function postSignedPayload(opts: {
  url: string;
  secret: string;
  payload: unknown;
  deliveryId: string;
  timeoutMs?: number;
  now?: number;
}): Promise<PostOutcome> {
  const destination = await checkOutboundDestination(opts.url);
  if (!destination.ok) return { ok: false, status: null, error: destination.error };
  const body = JSON.stringify(opts.payload);
  const timestamp = String(Math.floor((opts.now ?? Date.now()) / 1000));
  try {
    const res = await fetch(opts.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Baton-Webhook/1',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signPayload(opts.secret, timestamp, body),
        // Receivers dedupe on this: a retry after a lost response carries the same id.
        'x-baton-delivery': opts.deliveryId,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
    });
    // The body is not needed; reading it frees the socket.
    const text = await res.text().catch(() => '');
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    return { ok: false, status: res.status, error: `HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}` };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    const reason = e.name === 'TimeoutError' ? `Timed out after ${opts.timeoutMs ?? 10_000} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { ok: false, status: null, error: reason };
  }
}
