import { and, eq } from 'drizzle-orm';
import { conversationEvents, conversations, messages } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { notFound } from '../tenancy/errors';
import { keysetAfter, keysetOrder, sortKeyText, toPage, type PageRequest } from '../pagination/keyset';

async function requireConversation(t: Tenant, conversationId: string) {
  const [row] = await t.db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, t.workspaceId), eq(conversations.id, conversationId)));
  if (!row) throw notFound('Conversation');
}

type MessageDirection = (typeof messages.direction.enumValues)[number];
type EventType = (typeof conversationEvents.type.enumValues)[number];

/** A conversation's messages, oldest first, keyset-paged on (created_at, id). */
export async function listConversationMessages(t: Tenant, conversationId: string, filters: { direction?: MessageDirection }, page: PageRequest) {
  await requireConversation(t, conversationId);
  const rows = await t.db
    .select({
      id: messages.id,
      conversationId: messages.conversationId,
      channelId: messages.channelId,
      direction: messages.direction,
      authorUserId: messages.authorUserId,
      text: messages.text,
      automated: messages.automated,
      workflowRunId: messages.workflowRunId,
      via: messages.via,
      apiKeyId: messages.apiKeyId,
      externalId: messages.externalId,
      deliveryStatus: messages.deliveryStatus,
      deliveryError: messages.deliveryError,
      deliveredAt: messages.deliveredAt,
      createdAt: messages.createdAt,
      sortKey: sortKeyText(messages.createdAt),
    })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, t.workspaceId),
        eq(messages.conversationId, conversationId),
        filters.direction ? eq(messages.direction, filters.direction) : undefined,
        keysetAfter(messages.createdAt, messages.id, 'asc', page.after),
      ),
    )
    .orderBy(...keysetOrder(messages.createdAt, messages.id, 'asc'))
    .limit(page.limit + 1);
  return toPage(rows, page.limit);
}

/** A conversation's event log (opened, assigned, …), oldest first, keyset-paged on (created_at, id). */
export async function listConversationEvents(t: Tenant, conversationId: string, filters: { type?: EventType }, page: PageRequest) {
  await requireConversation(t, conversationId);
  const e = conversationEvents;
  const rows = await t.db
    .select({
      id: e.id,
      conversationId: e.conversationId,
      type: e.type,
      actorType: e.actorType,
      actorUserId: e.actorUserId,
      workflowRunId: e.workflowRunId,
      fromUserId: e.fromUserId,
      toUserId: e.toUserId,
      teamId: e.teamId,
      reason: e.reason,
      data: e.data,
      createdAt: e.createdAt,
      sortKey: sortKeyText(e.createdAt),
    })
    .from(e)
    .where(
      and(
        eq(e.workspaceId, t.workspaceId),
        eq(e.conversationId, conversationId),
        filters.type ? eq(e.type, filters.type) : undefined,
        keysetAfter(e.createdAt, e.id, 'asc', page.after),
      ),
    )
    .orderBy(...keysetOrder(e.createdAt, e.id, 'asc'))
    .limit(page.limit + 1);
  return toPage(rows, page.limit);
}
