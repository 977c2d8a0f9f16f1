import { and, eq } from 'drizzle-orm';
import { teamMembers, teams } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { requireUuid } from './require-uuid';

/** Takes someone off a team of this workspace. Removing someone not on it is a no-op. */
export async function removeTeamMember(t: Tenant, teamId: string, userId: string): Promise<void> {
  requireUuid(teamId, 'Team');
  requireUuid(userId, 'Member');
  const [team] = await t.db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.workspaceId, t.workspaceId), eq(teams.id, teamId)));
  if (!team) throw new DomainError('not_found', 'Team not found');
  await t.db
    .delete(teamMembers)
    .where(and(eq(teamMembers.workspaceId, t.workspaceId), eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
}
