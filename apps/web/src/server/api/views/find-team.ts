import { DomainError, listTeams, type Tenant } from '@baton/db';

/** One team with its members, as GET /teams lists it. */
export async function findTeam(t: Tenant, teamId: string) {
  const team = (await listTeams(t)).find((candidate) => candidate.id === teamId);
  if (!team) throw new DomainError('not_found', 'Team not found');
  return team;
}
