import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import { decryptSecret } from '../channels/secret-box';
import { WEBHOOK_MAX_ATTEMPTS, webhookRetryDelayMs } from './webhook-backoff';

export type DueWebhookDelivery = {
  id: string;
  workspaceId: string;
  eventId: string;
  eventType: string;
  payload: Record<string, unknown>;
  attempts: number;
  url: string;
  /** Null when the subscription's secret cannot be opened (key lost): the attempt fails. */
  secret: string | null;
};

// Leases due deliveries (one statement, SKIP LOCKED, no transaction held during the HTTP call) and records attempts.

/**
 * Cross-tenant (the worker's pass): takes up to `limit` due deliveries of active
 * subscriptions and leases them for `leaseMs`, so two workers never send one row at once
 * (SKIP LOCKED) and a worker that dies mid-send leaves the row to be taken again once the
 * lease lapses. No transaction stays open while the HTTP call runs.
 */
export async function claimDueWebhookDeliveries(db: Database, opts: { limit: number; leaseMs: number }): Promise<DueWebhookDelivery[]> {
  const { rows } = await db.execute<{
    id: string;
    workspace_id: string;
    event_id: string;
    event_type: string;
    payload: Record<string, unknown>;
    attempts: number;
    url: string;
    secret_encrypted: string;
  }>(sql`
    with due as (
      select d.id from webhook_deliveries d
       where d.status = 'pending' and d.next_attempt_at <= now() and (d.lease_until is null or d.lease_until < now())
       order by d.next_attempt_at
       limit ${opts.limit}
       for update of d skip locked)
    update webhook_deliveries d
       set lease_until = now() + make_interval(secs => ${opts.leaseMs / 1000})
      from due, webhook_subscriptions s
     where d.id = due.id and s.id = d.subscription_id and s.workspace_id = d.workspace_id and s.active
    returning d.id, d.workspace_id, d.event_id, d.event_type, d.payload, d.attempts, s.url, s.secret_encrypted`);
  return rows.map((r) => {
    let secret: string | null;
    try {
      secret = decryptSecret(r.secret_encrypted);
    } catch {
      secret = null;
    }
    return { id: r.id, workspaceId: r.workspace_id, eventId: r.event_id, eventType: r.event_type, payload: r.payload, attempts: r.attempts, url: r.url, secret };
  });
}

export type WebhookAttemptOutcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/**
 * Records one attempt on a leased row: delivered, or pending again after the backoff, or
 * failed once the attempts are spent. The error is a status or a category, never the
 * receiver's body (the URL may point at an internal service).
 */
export async function recordWebhookAttempt(
  db: Database,
  delivery: Pick<DueWebhookDelivery, 'id' | 'workspaceId' | 'attempts'>,
  outcome: WebhookAttemptOutcome,
  policy: { maxAttempts?: number; retryBaseMs?: number } = {},
): Promise<{ status: string; attempts: number } | null> {
  const maxAttempts = policy.maxAttempts ?? WEBHOOK_MAX_ATTEMPTS;
  const retryInMs = webhookRetryDelayMs(delivery.attempts + 1, policy.retryBaseMs);
  const { rows } = await db.execute<{ status: string; attempts: number }>(sql`
    update webhook_deliveries
       set attempts = attempts + 1,
           lease_until = null,
           last_status_code = ${outcome.status},
           last_error = ${outcome.ok ? null : outcome.error.slice(0, 500)},
           status = case when ${outcome.ok} then 'delivered' when attempts + 1 >= ${maxAttempts} then 'failed' else 'pending' end,
           delivered_at = case when ${outcome.ok} then now() else delivered_at end,
           next_attempt_at = case when ${outcome.ok} then next_attempt_at
                                  else now() + make_interval(secs => ${retryInMs / 1000}) end
     where workspace_id = ${delivery.workspaceId} and id = ${delivery.id} and status = 'pending'
    returning status, attempts`);
  return rows[0] ?? null;
}
