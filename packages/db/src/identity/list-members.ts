import { asc, eq } from 'drizzle-orm';
import { memberships, teamMembers, teams, users } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import type { Availability, Role } from './roles';

export type Member = {
  userId: string;
  name: string;
  email: string;
  role: Role;
  availability: Availability;
  availabilityChangedAt: Date;
  lastSeenAt: Date | null;
  joinedAt: Date;
  skills: string[];
  teams: { id: string; name: string }[];
};

/** Everyone in the workspace with their role, availability and team names, by name. */
export async function listMembers(t: Tenant): Promise<Member[]> {
  const [rows, teamRows] = await Promise.all([
    t.db
      .select({
        userId: memberships.userId,
        name: users.name,
        email: users.email,
        role: memberships.role,
        availability: memberships.availability,
        availabilityChangedAt: memberships.availabilityChangedAt,
        lastSeenAt: memberships.lastSeenAt,
        joinedAt: memberships.createdAt,
        skills: memberships.skills,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.workspaceId, t.workspaceId))
      .orderBy(asc(users.name), asc(users.email)),
    t.db
      .select({ userId: teamMembers.userId, id: teams.id, name: teams.name })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .where(eq(teamMembers.workspaceId, t.workspaceId))
      .orderBy(asc(teams.name)),
  ]);
  const teamsByUser = new Map<string, { id: string; name: string }[]>();
  for (const r of teamRows) {
    const list = teamsByUser.get(r.userId) ?? [];
    list.push({ id: r.id, name: r.name });
    teamsByUser.set(r.userId, list);
  }
  return rows.map((r) => ({ ...r, teams: teamsByUser.get(r.userId) ?? [] }));
}
