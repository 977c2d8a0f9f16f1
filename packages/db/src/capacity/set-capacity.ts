import { and, eq } from 'drizzle-orm';
import { memberships, teams, workspaces } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { DomainError, notFound } from '../tenancy/errors';
import { requireUuid } from '../identity/require-uuid';
import { capacitySchema } from './capacity-input';

function parseCapacity(value: number | null, field: string): number | null {
  const r = capacitySchema.safeParse(value);
  if (!r.success)
    throw new DomainError('invalid', r.error.issues[0]?.message ?? 'Invalid capacity', { field });
  return r.data;
}

/**
 * The workspace's capacity per agent (null: unlimited). Raising it wakes the queues
 * (trigger of migration 0023), so waiting conversations reach agents who now have room.
 */
export async function setWorkspaceCapacity(
  t: Tenant,
  maxOpen: number | null,
): Promise<number | null> {
  const value = parseCapacity(maxOpen, 'defaultMaxOpen');
  const rows = await t.db
    .update(workspaces)
    .set({ defaultMaxOpen: value })
    .where(eq(workspaces.id, t.workspaceId))
    .returning({ id: workspaces.id });
  if (rows.length === 0) throw notFound('Workspace');
  return value;
}

/** A team's override of the capacity per agent (null: the workspace default). */
export async function setTeamCapacity(
  t: Tenant,
  teamId: string,
  maxOpen: number | null,
): Promise<number | null> {
  requireUuid(teamId, 'Team');
  const value = parseCapacity(maxOpen, 'maxOpen');
  const rows = await t.db
    .update(teams)
    .set({ maxOpen: value })
    .where(and(eq(teams.workspaceId, t.workspaceId), eq(teams.id, teamId)))
    .returning({ id: teams.id });
  if (rows.length === 0) throw notFound('Team');
  return value;
}

/**
 * A member's own capacity override (null: none). Combined with their teams' by the
 * smallest-of rule (member-capacity.sql.ts); a change that may raise it wakes their queues
 * (trigger of migration 0029).
 */
export async function setMemberCapacity(t: Tenant, userId: string, maxOpen: number | null): Promise<number | null> {
  requireUuid(userId, 'Member');
  const value = parseCapacity(maxOpen, 'capacity');
  const rows = await t.db
    .update(memberships)
    .set({ maxOpen: value })
    .where(and(eq(memberships.workspaceId, t.workspaceId), eq(memberships.userId, userId)))
    .returning({ id: memberships.id });
  if (rows.length === 0) throw notFound('Member');
  return value;
}
