import { and, asc, desc, eq, gte, lt } from 'drizzle-orm';
import { alias, type PgColumn } from 'drizzle-orm/pg-core';
import {
  comments,
  contacts,
  conversationEvents,
  conversations,
  messages,
  teams,
  users,
} from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { notFound } from '../tenancy/errors';

const assignee = alias(users, 'assignee');

/** Timeline items per list in one page: a conversation an integration floods stays cheap to open. */
export const TIMELINE_PAGE_SIZE = 100;
export const MAX_TIMELINE_PAGE_SIZE = 500;

export type TimelinePage = {
  /** Only items created before this instant (the `olderBefore` of the previous page). */
  before?: Date;
  limit?: number;
};

/**
 * The conversation with its contact and the latest page of its messages, comments and event
 * log, each oldest first. One cut-off instant splits all three lists, so a page is a
 * complete slice of the timeline: the page holds every item at or after `olderBefore`
 * (about `limit` per list; items sharing the cut-off instant all stay on this page), and the
 * next page is everything before it. `olderBefore` is null when nothing older is left.
 */
export async function getConversation(t: Tenant, conversationId: string, page: TimelinePage = {}) {
  const limit = Math.min(Math.max(Math.trunc(page.limit ?? TIMELINE_PAGE_SIZE), 1), MAX_TIMELINE_PAGE_SIZE);
  const [row] = await t.db
    .select({
      conversation: conversations,
      contact: {
        id: contacts.id,
        name: contacts.name,
        externalId: contacts.externalId,
        email: contacts.email,
        tags: contacts.tags,
        fields: contacts.fields,
      },
      assigneeName: assignee.name,
      teamName: teams.name,
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .where(and(eq(conversations.workspaceId, t.workspaceId), eq(conversations.id, conversationId)));
  if (!row) throw notFound('Conversation');
  type Listed = { workspaceId: PgColumn; conversationId: PgColumn; createdAt: PgColumn };
  const scope = (table: Listed, from: Date | null = null) =>
    and(
      eq(table.workspaceId, t.workspaceId),
      eq(table.conversationId, conversationId),
      page.before ? lt(table.createdAt, page.before) : undefined,
      from ? gte(table.createdAt, from) : undefined,
    );
  // The limit-th newest item of each list and whether one more exists (index on
  // (conversation_id, created_at)): a list with more than `limit` sets a cut-off, and the
  // latest cut-off bounds all three lists.
  const nth = (table: Listed) =>
    t.db.select({ at: table.createdAt }).from(table as never).where(scope(table)).orderBy(desc(table.createdAt)).limit(2).offset(limit - 1) as Promise<Array<{ at: Date }>>;
  const probes = await Promise.all([nth(messages), nth(comments), nth(conversationEvents)]);
  const cutoffs = probes.filter((rows) => rows.length === 2).map((rows) => rows[0]!.at.getTime());
  const from = cutoffs.length ? new Date(Math.max(...cutoffs)) : null;
  const [messageRows, commentRows, eventRows] = await Promise.all([
    t.db.select().from(messages).where(scope(messages, from)).orderBy(asc(messages.createdAt)),
    t.db.select().from(comments).where(scope(comments, from)).orderBy(asc(comments.createdAt)),
    t.db
      .select()
      .from(conversationEvents)
      .where(scope(conversationEvents, from))
      .orderBy(asc(conversationEvents.createdAt)),
  ]);
  return {
    ...row.conversation,
    contact: row.contact,
    assigneeName: row.assigneeName,
    teamName: row.teamName,
    messages: messageRows,
    comments: commentRows,
    events: eventRows,
    olderBefore: from ? from.toISOString() : null,
  };
}
export type ConversationDetail = Awaited<ReturnType<typeof getConversation>>;
