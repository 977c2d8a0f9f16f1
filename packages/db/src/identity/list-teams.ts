import { asc, eq } from 'drizzle-orm';
import { teamMembers, teams, users } from '../schema';
import type { Tenant } from '../tenancy/tenant';

export type TeamWithMembers = {
  id: string;
  name: string;
  createdAt: Date;
  /** Capacity per agent override (null: the workspace default). */
  maxOpen: number | null;
  /** Work follows availability override (null: the workspace default). */
  awayHandOn: 'leave' | 'return_to_team' | 'round_robin' | 'least_open' | null;
  members: { userId: string; name: string }[];
};

/** The workspace's teams by name, each with its members by name. */
export async function listTeams(t: Tenant): Promise<TeamWithMembers[]> {
  const [teamRows, memberRows] = await Promise.all([
    t.db
      .select({ id: teams.id, name: teams.name, createdAt: teams.createdAt, maxOpen: teams.maxOpen, awayHandOn: teams.awayHandOn })
      .from(teams)
      .where(eq(teams.workspaceId, t.workspaceId))
      .orderBy(asc(teams.name)),
    t.db
      .select({ teamId: teamMembers.teamId, userId: teamMembers.userId, name: users.name })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(eq(teamMembers.workspaceId, t.workspaceId))
      .orderBy(asc(users.name)),
  ]);
  return teamRows.map((team) => ({
    ...team,
    members: memberRows.filter((m) => m.teamId === team.id).map(({ userId, name }) => ({ userId, name })),
  }));
}
