import { sql } from 'drizzle-orm';
import type { Tenant } from '../tenancy/tenant';
import type { Role } from '../identity/roles';
import type { InboxViewer } from './inbox-viewer';

/**
 * The member as the inbox filters for them, with their team ids read once: a realtime
 * stream keeps it and re-reads it on every heartbeat, so each event costs one indexed
 * lookup of the conversation and a removed member or a changed role is noticed within a
 * heartbeat. Null when the user is no longer a member of the workspace.
 */
export async function loadInboxViewer(t: Tenant, userId: string): Promise<Required<InboxViewer> | null> {
  const result = await t.db.execute<{ role: Role; team_ids: string[] }>(sql`
    select m.role,
           array(select tm.team_id::text from team_members tm
                 where tm.workspace_id = m.workspace_id and tm.user_id = m.user_id order by 1) as team_ids
    from memberships m
    where m.workspace_id = ${t.workspaceId} and m.user_id = ${userId}`);
  const row = result.rows[0];
  return row ? { userId, role: row.role, teamIds: row.team_ids } : null;
}
