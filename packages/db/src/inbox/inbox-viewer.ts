import { and, eq, sql, type SQL } from 'drizzle-orm';
import { conversations } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { can, type Role } from '../identity/roles';

/**
 * Who is looking: every inbox query narrows by this, so pages never filter themselves.
 * `teamIds`, when given, are the viewer's teams as already read (loadInboxViewer); without
 * it the query reads them itself.
 */
export type InboxViewer = { userId: string; role: Role; teamIds?: readonly string[] };

export function seesAllConversations(viewer: InboxViewer): boolean {
  return can(viewer.role, 'conversations.viewAll');
}

/** The ids of the viewer's teams, as a subquery (no round trip). */
export function myTeamIds(t: Tenant, viewer: InboxViewer): SQL {
  return sql`(select tm.team_id from team_members tm where tm.workspace_id = ${t.workspaceId} and tm.user_id = ${viewer.userId})`;
}

/** A comment on the conversation mentions the viewer (GIN index on mention_user_ids). */
export function mentionsViewer(t: Tenant, viewer: InboxViewer): SQL {
  return sql`exists (select 1 from comments cm where cm.workspace_id = ${t.workspaceId} and cm.conversation_id = ${conversations.id} and cm.mention_user_ids @> array[${viewer.userId}]::uuid[])`;
}

function inViewerTeams(t: Tenant, viewer: InboxViewer): SQL {
  if (!viewer.teamIds) return sql`${conversations.teamId} in ${myTeamIds(t, viewer)}`;
  // One array parameter (UUIDs read from Postgres), whatever the number of teams.
  return sql`${conversations.teamId} = any(${`{${viewer.teamIds.join(',')}}`}::uuid[])`;
}

/**
 * Agents see what is assigned to them, what belongs to one of their teams, and what someone
 * mentioned them on (a mention is an invitation to look). Leads, admins and owners see all.
 */
export function visibleTo(t: Tenant, viewer: InboxViewer): SQL {
  const inWorkspace = eq(conversations.workspaceId, t.workspaceId);
  if (seesAllConversations(viewer)) return inWorkspace;
  return and(
    inWorkspace,
    sql`(${conversations.assigneeId} = ${viewer.userId} or ${inViewerTeams(t, viewer)} or ${mentionsViewer(t, viewer)})`,
  )!;
}
