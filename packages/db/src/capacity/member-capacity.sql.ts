import { sql, type SQL } from 'drizzle-orm';
import { teamMembers, teams, workspaces } from '../schema';

/**
 * A member's capacity (most open conversations automatic assignment may give them), as one
 * scalar sub-select: the smallest max_open of their teams that set one, else the workspace's
 * default_max_open, else null (unlimited). One number per member whatever the step's team,
 * so "Bob 8/8" means the same on the Team page, in the trace and in the inbox warning.
 * `workspaceId` and `userId` are column expressions of the caller's row.
 */
export function memberCapacitySql(workspaceId: SQL, userId: SQL): SQL<number | null> {
  return sql<number | null>`coalesce(
    (select min(ct.max_open) from ${teamMembers} ctm join ${teams} ct on ct.id = ctm.team_id and ct.workspace_id = ctm.workspace_id
      where ctm.workspace_id = ${workspaceId} and ctm.user_id = ${userId} and ct.max_open is not null),
    (select cw.default_max_open from ${workspaces} cw where cw.id = ${workspaceId}))`;
}
