import { and, desc, eq, sql } from 'drizzle-orm';
import { webhookDeliveries } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { notFound } from '../tenancy/errors';

/** The newest deliveries of one subscription: what the settings page's log shows. */
export async function listWebhookDeliveries(t: Tenant, subscriptionId: string, limit = 50) {
  return t.db
    .select({
      id: webhookDeliveries.id,
      eventId: webhookDeliveries.eventId,
      eventType: webhookDeliveries.eventType,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      deliveredAt: webhookDeliveries.deliveredAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.workspaceId, t.workspaceId), eq(webhookDeliveries.subscriptionId, subscriptionId)))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(Math.min(Math.max(1, limit), 200));
}
export type WebhookDeliveryLogEntry = Awaited<ReturnType<typeof listWebhookDeliveries>>[number];

/**
 * "Resend": the delivery goes back to pending with a fresh retry budget and is sent on the
 * worker's next pass, with the same event id and delivery id (receivers that already have it
 * can dedupe; one that lost it gets it again).
 */
export async function resendWebhookDelivery(t: Tenant, deliveryId: string): Promise<void> {
  const rows = await t.db
    .update(webhookDeliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: sql`now()`, leaseUntil: null, lastError: null, lastStatusCode: null })
    .where(and(eq(webhookDeliveries.workspaceId, t.workspaceId), eq(webhookDeliveries.id, deliveryId)))
    .returning({ id: webhookDeliveries.id });
  if (rows.length === 0) throw notFound('Webhook delivery');
}
