import { sql, type SQL } from 'drizzle-orm';
import { memberships, teamMembers, teams, workspaces } from '../schema';

/**
 * A member's capacity (most open conversations automatic assignment may give them), as one
 * scalar sub-select. The smallest-of rule: overrides — the member's own and those of every
 * team they belong to — are caps, and the smallest one set wins; with no override at all,
 * the workspace's default_max_open; else null (unlimited). So a member override can lower
 * a team's cap for one person, or give one person more than the workspace default when
 * their teams set none, but never lifts them over a team's cap. One number per member
 * whatever the step's team, so "Bob 8/8" means the same on the Team page, in the trace and
 * in the inbox warning. `workspaceId` and `userId` are column expressions of the caller's row.
 */
export function memberCapacitySql(workspaceId: SQL, userId: SQL): SQL<number | null> {
  // least() ignores nulls: null only when neither the member nor any team sets an override.
  return sql<number | null>`coalesce(
    least(
      (select cm.max_open from ${memberships} cm where cm.workspace_id = ${workspaceId} and cm.user_id = ${userId}),
      (select min(ct.max_open) from ${teamMembers} ctm join ${teams} ct on ct.id = ctm.team_id and ct.workspace_id = ctm.workspace_id
        where ctm.workspace_id = ${workspaceId} and ctm.user_id = ${userId} and ct.max_open is not null)),
    (select cw.default_max_open from ${workspaces} cw where cw.id = ${workspaceId}))`;
}
