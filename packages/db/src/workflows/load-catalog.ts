import { eq } from 'drizzle-orm';
import type { Catalog } from '@baton/engine';
import { channels, memberships, teamMembers, teams, users } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { loadContactDefinitions } from '../contacts/load-contact-definitions';

/** Users, teams (with members), channels, contact fields and tags: what validation and summaries refer to. */
export async function loadCatalog(t: Tenant): Promise<Catalog> {
  // Sequential: `t.db` may be a transaction (one connection).
  const userRows = await t.db
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, t.workspaceId));
  const teamRows = await t.db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(eq(teams.workspaceId, t.workspaceId));
  const memberRows = await t.db
    .select({ teamId: teamMembers.teamId, userId: teamMembers.userId })
    .from(teamMembers)
    .where(eq(teamMembers.workspaceId, t.workspaceId));
  const channelRows = await t.db
    .select({ id: channels.id, name: channels.name })
    .from(channels)
    .where(eq(channels.workspaceId, t.workspaceId));
  const contactDefs = await loadContactDefinitions(t);
  return {
    users: userRows,
    teams: teamRows.map((team) => ({
      ...team,
      memberIds: memberRows.filter((m) => m.teamId === team.id).map((m) => m.userId),
    })),
    channels: channelRows,
    contactFields: contactDefs.fields,
    tags: contactDefs.tags,
  };
}
