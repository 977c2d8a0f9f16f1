import type { Job } from 'bullmq';
import { loadPendingDelivery, postSignedPayload, recordDeliveryAttempt, tenant, type Database, type Resolver } from '@baton/db';
import { deliveryJobSchema } from '@baton/queue';
import type { RunsHandOff } from './after-commit';

export type DeliverySettings = {
  timeoutMs: number;
  /** BATON_ALLOW_PRIVATE_OUTBOUND and friends; read from process.env unless a test passes its own. */
  env?: NodeJS.ProcessEnv;
  /** Tests simulate DNS answers (rebinding) with their own resolver. */
  resolver?: Resolver;
};

export function readDeliverySettings(env: NodeJS.ProcessEnv = process.env): DeliverySettings {
  const timeoutMs = Number(env.DELIVERY_TIMEOUT_MS ?? 10_000);
  return { timeoutMs: Number.isFinite(timeoutMs) && timeoutMs > 0 ? timeoutMs : 10_000 };
}

/**
 * An agent's reply → a signed POST to the channel's outbound URL. BullMQ owns the retry
 * schedule (attempts and exponential backoff on the job); the message row owns the truth
 * the inbox shows: attempts so far, the last error, and pending → delivered | failed.
 * The error is a status or a category ("HTTP 503", "Connection refused"), never the
 * receiver's words: it lands in messages.delivery_error and in BullMQ's failedReason.
 */
export function createDeliveryProcessor(db: Database, afterCommit: RunsHandOff, settings: DeliverySettings) {
  return async (job: Job) => {
    const { workspaceId, messageId } = deliveryJobSchema.parse(job.data);
    const t = tenant(db, workspaceId);
    const pending = await loadPendingDelivery(t, messageId);
    // Delivered, failed, or not an outgoing message of this workspace: a duplicate job.
    if (!pending) return { outcome: 'skipped' };
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const outcome =
      pending.url && pending.secret
        ? await postSignedPayload({
            url: pending.url,
            secret: pending.secret,
            payload: pending.payload,
            deliveryId: messageId,
            timeoutMs: settings.timeoutMs,
            env: settings.env,
            resolver: settings.resolver,
          })
        : ({ ok: false, status: null, error: pending.url ? 'The channel has no outbound signing secret' : 'The channel has no outbound URL' } as const);
    // Without a URL (removed since the reply) there is nowhere to retry to: fail at once.
    const retryable = Boolean(pending.url && pending.secret);
    const recorded = await recordDeliveryAttempt(
      t,
      messageId,
      outcome.ok ? { ok: true } : { ok: false, error: outcome.error, final: final || !retryable },
    );
    // The inboxes hear of the attempt (the receipt's notice). A hint: its failure must not
    // turn a delivered message into a retried POST.
    if (recorded) await afterCommit.receipts([recorded.afterCommit]).catch(() => {});
    if (!outcome.ok && !final && retryable) throw new Error(`delivery ${messageId}: ${outcome.error}`);
    return { outcome: recorded?.status ?? 'raced', attempts: recorded?.attempts };
  };
}
