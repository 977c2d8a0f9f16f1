import { and, eq, sql } from 'drizzle-orm';
import { conversationReads, conversations } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { mentionsViewer, myTeamIds, visibleTo, type InboxViewer } from './inbox-viewer';

export type InboxCounts = { mine: number; teams: number; unassigned: number; all: number; mentions: number; unreadMine: number };

/**
 * Open conversations per view, in one pass over the viewer's open conversations (the
 * status index). Closed conversations are not counted: that number only grows.
 */
export async function countInboxViews(t: Tenant, viewer: InboxViewer): Promise<InboxCounts> {
  const unread = sql`(${conversationReads.lastReadAt} is null or ${conversations.lastActivityAt} > ${conversationReads.lastReadAt})`;
  const [row] = await t.db
    .select({
      mine: sql<number>`count(*) filter (where ${conversations.assigneeId} = ${viewer.userId})::int`,
      teams: sql<number>`count(*) filter (where ${conversations.teamId} in ${myTeamIds(t, viewer)})::int`,
      unassigned: sql<number>`count(*) filter (where ${conversations.assigneeId} is null)::int`,
      all: sql<number>`count(*)::int`,
      mentions: sql<number>`count(*) filter (where ${mentionsViewer(t, viewer)})::int`,
      unreadMine: sql<number>`count(*) filter (where ${conversations.assigneeId} = ${viewer.userId} and ${unread})::int`,
    })
    .from(conversations)
    .leftJoin(
      conversationReads,
      and(eq(conversationReads.conversationId, conversations.id), eq(conversationReads.userId, viewer.userId)),
    )
    .where(and(visibleTo(t, viewer), eq(conversations.status, 'open')));
  return row ?? { mine: 0, teams: 0, unassigned: 0, all: 0, mentions: 0, unreadMine: 0 };
}
