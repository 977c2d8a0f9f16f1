import { request, type Agent } from 'undici';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signPayload } from './inbound-signature';
import { createOutboundAgent, outboundAgent } from './outbound-agent';
import { allowsPrivateOutbound, checkOutboundDestination } from './outbound-destination';
import { describeSendFailure } from './outbound-failure';
import type { Resolver } from './outbound-lookup';

export type PostOutcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/**
 * POSTs JSON to a channel's receiver, signed like inbound requests (HMAC-SHA256 of
 * "<unix seconds>.<raw body>") but with the channel's outbound signing secret, so whoever
 * receives deliveries cannot forge inbound messages.
 * Never throws: refusals, network errors, timeouts and non-2xx answers are outcomes. An
 * outcome never carries the receiver's response body: the caller may be an attacker pointing
 * the URL at an internal service, and this text reaches the UI, Postgres and Redis.
 */
export async function postSignedPayload(opts: {
  url: string;
  secret: string;
  payload: unknown;
  deliveryId: string;
  /** More headers (e.g. the event type of an event webhook); the signing headers always win. */
  headers?: Record<string, string>;
  timeoutMs?: number;
  now?: number;
  env?: NodeJS.ProcessEnv;
  /** Tests inject one to simulate DNS answers (rebinding); production uses the system resolver. */
  resolver?: Resolver;
}): Promise<PostOutcome> {
  const env = opts.env ?? process.env;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const destination = await checkOutboundDestination(opts.url, env, opts.resolver);
  if (!destination.ok) return { ok: false, status: null, error: destination.error };
  const allowPrivate = allowsPrivateOutbound(env);
  const ownAgent: Agent | null = opts.resolver && !allowPrivate ? createOutboundAgent(opts.resolver) : null;
  const body = JSON.stringify(opts.payload);
  const timestamp = String(Math.floor((opts.now ?? Date.now()) / 1000));
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await request(destination.url, {
      method: 'POST',
      dispatcher: ownAgent ?? outboundAgent(allowPrivate),
      headers: {
        ...opts.headers,
        'content-type': 'application/json',
        'user-agent': 'Baton-Webhook/1',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signPayload(opts.secret, timestamp, body),
        // Receivers dedupe on this: a retry after a lost response carries the same id.
        'x-baton-delivery': opts.deliveryId,
      },
      body,
      signal,
    });
    // undici's request() follows no redirects: a 3xx is a failed delivery like any non-2xx.
    // The body is discarded unread (dump frees the socket without buffering it).
    await res.body.dump().catch(() => undefined);
    if (res.statusCode >= 200 && res.statusCode < 300) return { ok: true, status: res.statusCode };
    return { ok: false, status: res.statusCode, error: `HTTP ${res.statusCode}` };
  } catch (error) {
    return { ok: false, status: null, error: describeSendFailure(error, signal.aborted, timeoutMs) };
  } finally {
    await ownAgent?.close();
  }
}
