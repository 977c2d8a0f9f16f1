import { and, eq, gte, isNull } from 'drizzle-orm';
import { contacts, conversations } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { keysetAfter, keysetOrder, sortKeyText, toPage, type PageRequest } from '../pagination/keyset';

export type ConversationFilters = {
  status?: 'open' | 'closed';
  /** A member's id, or 'none' for unassigned conversations. */
  assigneeId?: string;
  teamId?: string;
  channelId?: string;
  /** Conversations whose last activity (message, assignment, status change) is at or after this instant. */
  updatedSince?: Date;
};

/** The workspace's conversations, newest first, keyset-paged on (created_at, id). */
export async function listConversations(t: Tenant, filters: ConversationFilters, page: PageRequest) {
  const rows = await t.db
    .select({
      id: conversations.id,
      status: conversations.status,
      channelId: conversations.channelId,
      contact: { id: contacts.id, externalId: contacts.externalId, name: contacts.name, email: contacts.email },
      assigneeId: conversations.assigneeId,
      assignedAt: conversations.assignedAt,
      assigneeRepliedAt: conversations.assigneeRepliedAt,
      teamId: conversations.teamId,
      openedBy: conversations.openedBy,
      openedAt: conversations.openedAt,
      closedAt: conversations.closedAt,
      lastIncomingAt: conversations.lastIncomingAt,
      lastOutgoingAt: conversations.lastOutgoingAt,
      lastActivityAt: conversations.lastActivityAt,
      lastMessagePreview: conversations.lastMessagePreview,
      createdAt: conversations.createdAt,
      sortKey: sortKeyText(conversations.createdAt),
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(
      and(
        eq(conversations.workspaceId, t.workspaceId),
        filters.status ? eq(conversations.status, filters.status) : undefined,
        filters.assigneeId === 'none' ? isNull(conversations.assigneeId) : filters.assigneeId ? eq(conversations.assigneeId, filters.assigneeId) : undefined,
        filters.teamId ? eq(conversations.teamId, filters.teamId) : undefined,
        filters.channelId ? eq(conversations.channelId, filters.channelId) : undefined,
        filters.updatedSince ? gte(conversations.lastActivityAt, filters.updatedSince) : undefined,
        keysetAfter(conversations.createdAt, conversations.id, 'desc', page.after),
      ),
    )
    .orderBy(...keysetOrder(conversations.createdAt, conversations.id, 'desc'))
    .limit(page.limit + 1);
  return toPage(rows, page.limit);
}

