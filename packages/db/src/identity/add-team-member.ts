import { and, eq } from 'drizzle-orm';
import { memberships, teamMembers, teams } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { requireUuid } from './require-uuid';

/** Adds a workspace member to a team of the same workspace. Adding twice is a no-op. */
export async function addTeamMember(t: Tenant, teamId: string, userId: string): Promise<void> {
  requireUuid(teamId, 'Team');
  requireUuid(userId, 'Member');
  const [[team], [member]] = await Promise.all([
    t.db.select({ id: teams.id }).from(teams).where(and(eq(teams.workspaceId, t.workspaceId), eq(teams.id, teamId))),
    t.db
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, t.workspaceId), eq(memberships.userId, userId))),
  ]);
  if (!team) throw new DomainError('not_found', 'Team not found');
  if (!member) throw new DomainError('not_found', 'Member not found');
  await t.db
    .insert(teamMembers)
    .values({ workspaceId: t.workspaceId, teamId, userId })
    .onConflictDoNothing({ target: [teamMembers.teamId, teamMembers.userId] });
}
