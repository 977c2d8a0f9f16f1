import { and, asc, eq } from 'drizzle-orm';
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

/** The conversation with its contact, messages, comments and event log, oldest first. */
export async function getConversation(t: Tenant, conversationId: string) {
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
  const scope = (table: { workspaceId: PgColumn; conversationId: PgColumn }) =>
    and(eq(table.workspaceId, t.workspaceId), eq(table.conversationId, conversationId));
  const [messageRows, commentRows, eventRows] = await Promise.all([
    t.db.select().from(messages).where(scope(messages)).orderBy(asc(messages.createdAt)),
    t.db.select().from(comments).where(scope(comments)).orderBy(asc(comments.createdAt)),
    t.db
      .select()
      .from(conversationEvents)
      .where(scope(conversationEvents))
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
  };
}
export type ConversationDetail = Awaited<ReturnType<typeof getConversation>>;
