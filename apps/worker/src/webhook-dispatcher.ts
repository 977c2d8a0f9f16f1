import { claimDueWebhookDeliveries, postSignedPayload, recordWebhookAttempt, WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_BASE_MS, type Database, type Resolver } from '@baton/db';

export type WebhookDispatchSettings = {
  pollMs: number;
  batch: number;
  timeoutMs: number;
  retryBaseMs: number;
  maxAttempts: number;
  env?: NodeJS.ProcessEnv;
  resolver?: Resolver;
};

const positive = (v: string | undefined, fallback: number) => {
  const n = Number(v);
  return v !== undefined && Number.isFinite(n) && n > 0 ? n : fallback;
};

export function readWebhookSettings(env: NodeJS.ProcessEnv = process.env): WebhookDispatchSettings {
  return {
    pollMs: positive(env.WEBHOOK_POLL_MS, 1000),
    batch: 20,
    timeoutMs: positive(env.DELIVERY_TIMEOUT_MS, 10_000),
    retryBaseMs: positive(env.WEBHOOK_RETRY_BASE_MS, WEBHOOK_RETRY_BASE_MS),
    maxAttempts: positive(env.WEBHOOK_MAX_ATTEMPTS, WEBHOOK_MAX_ATTEMPTS),
  };
}

/**
 * Event webhooks out: the deliveries are rows the triggers wrote with the events' own
 * transactions, so this loop only has to find due rows, lease them, POST each (signed with
 * the subscription's secret, through the outbound address guard) and record the outcome with
 * its backoff. A DB poll rather than a queue job per event: the rows are written by triggers
 * on every path that makes an event, and nothing after those commits would have to remember
 * to enqueue (a pass costs one indexed query when nothing is due).
 */
export function startWebhookDispatcher(db: Database, settings: WebhookDispatchSettings, log: (msg: string) => void) {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;

  const pass = async (): Promise<number> => {
    const due = await claimDueWebhookDeliveries(db, { limit: settings.batch, leaseMs: settings.timeoutMs + 30_000 });
    await Promise.all(
      due.map(async (d) => {
        const outcome = d.secret
          ? await postSignedPayload({
              url: d.url,
              secret: d.secret,
              payload: d.payload,
              // Stable across retries and resends: receivers dedupe on it.
              deliveryId: d.id,
              headers: { 'x-baton-event': d.eventType, 'x-baton-event-id': d.eventId },
              timeoutMs: settings.timeoutMs,
              env: settings.env,
              resolver: settings.resolver,
            })
          : ({ ok: false, status: null, error: 'The signing secret cannot be opened: rotate it' } as const);
        await recordWebhookAttempt(db, d, outcome, { maxAttempts: settings.maxAttempts, retryBaseMs: settings.retryBaseMs });
      }),
    );
    return due.length;
  };

  const loop = async () => {
    if (stopped) return;
    try {
      // A full batch means more may be due: go again at once instead of waiting a period.
      while (!stopped && (await pass()) === settings.batch);
    } catch (err) {
      log(`[worker] webhook pass failed: ${(err as Error).message}`);
    }
    if (!stopped) timer = setTimeout(() => (running = loop()), settings.pollMs);
  };
  running = loop();

  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
