import { and, eq } from 'drizzle-orm';
import { teams } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { requireUuid } from './require-uuid';

/** Deletes a team; its memberships go with it (cascade). The people stay in the workspace. */
export async function deleteTeam(t: Tenant, teamId: string): Promise<void> {
  requireUuid(teamId, 'Team');
  const rows = await t.db
    .delete(teams)
    .where(and(eq(teams.workspaceId, t.workspaceId), eq(teams.id, teamId)))
    .returning({ id: teams.id });
  if (rows.length === 0) throw new DomainError('not_found', 'Team not found');
}
