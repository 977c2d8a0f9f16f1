import { listQueues } from '../runs/queue/list-queues.sql';
import { slaPausedSql } from '../sla/sla-paused';
import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { channels, contacts, conversationReads, conversations, teams, users } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { mentionsViewer, myTeamIds, visibleTo, type InboxViewer } from './inbox-viewer';

export const INBOX_VIEWS = ['mine', 'teams', 'unassigned', 'all', 'mentions', 'closed'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

export const inboxQuerySchema = z.object({
  view: z.enum(INBOX_VIEWS).default('mine'),
  channelId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  /** A user id, or "none" for unassigned. */
  assigneeId: z.union([z.uuid(), z.literal('none')]).optional(),
  q: z.string().trim().max(200).optional(),
  /** activity: newest activity first; due: the soonest SLA due time first (breached first, none last). */
  sort: z.enum(['activity', 'due']).default('activity'),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(30),
});
export type InboxQuery = z.input<typeof inboxQuerySchema>;

const assignee = alias(users, 'inbox_assignee');

/** "%", "_" and "\" typed by someone searching are literal characters, not patterns. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Contact name or email, or any message's text, contains `q` (case-insensitive). Each side is
 * one uncorrelated subquery that the trigram GIN indexes answer (messages_text_trgm_idx,
 * contacts_*_trgm_idx), evaluated once per search rather than once per conversation.
 */
export function searchCondition(t: Tenant, q: string): SQL {
  const pattern = likePattern(q);
  return sql`(${conversations.contactId} in (select c.id from contacts c where c.workspace_id = ${t.workspaceId} and (c.name ilike ${pattern} or c.email ilike ${pattern}))
    or ${conversations.id} in (select m.conversation_id from messages m where m.workspace_id = ${t.workspaceId} and m.text ilike ${pattern}))`;
}

export function viewCondition(t: Tenant, viewer: InboxViewer, view: InboxView): SQL | undefined {
  const open = eq(conversations.status, 'open');
  switch (view) {
    case 'mine':
      return and(open, eq(conversations.assigneeId, viewer.userId));
    case 'teams':
      return and(open, sql`${conversations.teamId} in ${myTeamIds(t, viewer)}`);
    case 'unassigned':
      return and(open, isNull(conversations.assigneeId));
    case 'all':
      return open;
    case 'mentions':
      return mentionsViewer(t, viewer);
    case 'closed':
      return eq(conversations.status, 'closed');
  }
}

// Keyset cursor on (last_activity_at, id). The timestamp travels as Postgres text so its
// microseconds survive: a JS Date would truncate them and skip or repeat rows at page edges.
function encodeCursor(ts: string, id: string) {
  return Buffer.from(`${ts}|${id}`).toString('base64url');
}
function decodeCursor(cursor: string): { ts: string; id: string } | null {
  const [ts, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  // "Due soonest" pages past conversations without an SLA due time with ts "none".
  if (ts === 'none' && id && z.uuid().safeParse(id).success) return { ts, id };
  // Postgres' own timestamptz text ("2030-01-01 00:00:00.123456+00"); anything else is forged.
  if (!ts || !id || !z.uuid().safeParse(id).success || !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d(:\d\d)?$/.test(ts)) return null;
  return { ts, id };
}

/** Keyset on (sla_due_at asc nulls last, id asc): after a due time, later ones then the ones without; after "none", only those. */
function dueAfter(after: { ts: string; id: string }): SQL {
  if (after.ts === 'none') return sql`(${conversations.slaDueAt} is null and ${conversations.id} > ${after.id}::uuid)`;
  return sql`((${conversations.slaDueAt}, ${conversations.id}) > (${after.ts}::timestamptz, ${after.id}::uuid) or ${conversations.slaDueAt} is null)`;
}

/**
 * One page of the inbox, newest activity first. Keyset pagination over the
 * (workspace, status|assignee|team, last_activity_at desc) indexes: page 500 costs what page 1 does.
 */
export async function listInbox(t: Tenant, viewer: InboxViewer, raw: InboxQuery = {}) {
  const q = inboxQuerySchema.parse(raw);
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const where = and(
    visibleTo(t, viewer),
    viewCondition(t, viewer, q.view),
    q.channelId ? eq(conversations.channelId, q.channelId) : undefined,
    q.teamId ? eq(conversations.teamId, q.teamId) : undefined,
    q.assigneeId === 'none' ? isNull(conversations.assigneeId) : q.assigneeId ? eq(conversations.assigneeId, q.assigneeId) : undefined,
    q.q ? searchCondition(t, q.q) : undefined,
    after ? (q.sort === 'due' ? dueAfter(after) : after.ts === 'none' ? sql`false` : sql`(${conversations.lastActivityAt}, ${conversations.id}) < (${after.ts}::timestamptz, ${after.id}::uuid)`) : undefined,
  );
  const rows = await t.db
    .select({
      id: conversations.id,
      status: conversations.status,
      channelId: conversations.channelId,
      channelName: channels.name,
      contactName: contacts.name,
      contactExternalId: contacts.externalId,
      assigneeId: conversations.assigneeId,
      assigneeName: assignee.name,
      teamId: conversations.teamId,
      teamName: teams.name,
      preview: conversations.lastMessagePreview,
      lastActivityAt: conversations.lastActivityAt,
      lastIncomingAt: conversations.lastIncomingAt,
      lastOutgoingAt: conversations.lastOutgoingAt,
      slaDueAt: conversations.slaDueAt,
      slaPaused: slaPausedSql,
      cursorTs: q.sort === 'due' ? sql<string>`coalesce(${conversations.slaDueAt}::text, 'none')` : sql<string>`${conversations.lastActivityAt}::text`,
      unread: sql<boolean>`(${conversationReads.lastReadAt} is null or ${conversations.lastActivityAt} > ${conversationReads.lastReadAt})`,
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .leftJoin(
      conversationReads,
      and(eq(conversationReads.conversationId, conversations.id), eq(conversationReads.userId, viewer.userId)),
    )
    .where(where)
    .orderBy(...(q.sort === 'due' ? [sql`${conversations.slaDueAt} asc nulls last`, asc(conversations.id)] : [desc(conversations.lastActivityAt), desc(conversations.id)]))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  // Unassigned conversations waiting in an assignment queue: their place and since when.
  const waiting = page.filter((r) => r.status === 'open' && r.assigneeId === null).map((r) => r.id);
  const queued = new Map((await listQueues(t, { conversationIds: waiting })).map((e) => [e.conversationId, e]));
  return {
    items: page.map(({ cursorTs: _c, ...item }) => {
      const e = queued.get(item.id);
      return { ...item, queue: e ? { name: e.queueName, position: e.position, queuedAt: e.queuedAt } : null };
    }),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.cursorTs, last.id) : null,
  };
}
export type InboxPage = Awaited<ReturnType<typeof listInbox>>;
export type InboxItem = InboxPage['items'][number];
