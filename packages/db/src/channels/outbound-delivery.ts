import { and, eq, sql } from 'drizzle-orm';
import { channels, contacts, conversations, messages, users } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { decryptSecret } from './secret-box';
import { afterCommit, conversationsChanged, type WithAfterCommit } from '../committed';

/** What the worker needs to deliver one outgoing message, or null when there is nothing to do. */
export async function loadPendingDelivery(t: Tenant, messageId: string) {
  const [row] = await t.db
    .select({
      messageId: messages.id,
      conversationId: messages.conversationId,
      status: messages.deliveryStatus,
      attempts: messages.deliveryAttempts,
      text: messages.text,
      automated: messages.automated,
      createdAt: messages.createdAt,
      authorName: users.name,
      channelId: channels.id,
      url: channels.outboundUrl,
      sealed: channels.outboundSecretEncrypted,
      contactExternalId: contacts.externalId,
      contactName: contacts.name,
    })
    .from(messages)
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(users, eq(users.id, messages.authorUserId))
    .where(and(eq(messages.workspaceId, t.workspaceId), eq(messages.id, messageId), eq(messages.direction, 'outgoing')));
  if (!row || row.status !== 'pending') return null;
  return {
    messageId: row.messageId,
    conversationId: row.conversationId,
    attempts: row.attempts,
    // The channel's URL as it is now: an admin fixing a wrong URL rescues pending messages.
    url: row.url,
    // Signed with the outbound secret, never the inbound one (null only before migrateDatabase backfilled it).
    secret: row.sealed ? decryptSecret(row.sealed) : null,
    payload: {
      type: 'message.outgoing',
      id: row.messageId,
      channelId: row.channelId,
      conversationId: row.conversationId,
      contact: { externalId: row.contactExternalId, name: row.contactName },
      text: row.text,
      author: row.authorName ? { name: row.authorName } : null,
      // Sent by a workflow's send-message step (no author): receivers may label it as such.
      automated: row.automated,
      createdAt: row.createdAt.toISOString(),
    },
  };
}
export type PendingDelivery = NonNullable<Awaited<ReturnType<typeof loadPendingDelivery>>>;

/**
 * Records one attempt. Only a message still pending changes, so a late duplicate job
 * cannot turn "delivered" back into "failed". The receipt tells the inboxes showing the
 * message's delivery state; a raced duplicate changed nothing and has none (null).
 */
export async function recordDeliveryAttempt(
  t: Tenant,
  messageId: string,
  outcome: { ok: true } | { ok: false; error: string; final: boolean },
): Promise<WithAfterCommit<{ status: 'pending' | 'delivered' | 'failed'; attempts: number }> | null> {
  const [row] = await t.db
    .update(messages)
    .set(
      outcome.ok
        ? { deliveryStatus: 'delivered', deliveryAttempts: sql`${messages.deliveryAttempts} + 1`, deliveredAt: sql`now()`, deliveryError: null }
        : {
            deliveryStatus: outcome.final ? 'failed' : 'pending',
            deliveryAttempts: sql`${messages.deliveryAttempts} + 1`,
            deliveryError: outcome.error.slice(0, 500),
          },
    )
    .where(and(eq(messages.workspaceId, t.workspaceId), eq(messages.id, messageId), eq(messages.deliveryStatus, 'pending')))
    .returning({ status: messages.deliveryStatus, attempts: messages.deliveryAttempts, conversationId: messages.conversationId });
  if (!row) return null;
  return {
    status: row.status!,
    attempts: row.attempts,
    afterCommit: afterCommit(t.workspaceId, { notices: conversationsChanged([row.conversationId], 'delivery') }),
  };
}

/** Cross-tenant sweep: pending deliveries whose job may have been lost (Redis down at enqueue). */
export async function findStalePendingDeliveries(db: Tenant['db'], olderThanMs: number, limit = 500) {
  return db
    .select({ workspaceId: messages.workspaceId, messageId: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.deliveryStatus, 'pending'),
        sql`${messages.createdAt} < now() - make_interval(secs => ${olderThanMs / 1000})`,
      ),
    )
    .limit(limit);
}
