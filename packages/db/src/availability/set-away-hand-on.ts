import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { teams, workspaces } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { DomainError, notFound } from '../tenancy/errors';
import { requireUuid } from '../identity/require-uuid';
import type { AwayHandOn } from './hand-on-unanswered';

export const AWAY_HAND_ON = ['leave', 'return_to_team', 'round_robin', 'least_open'] as const satisfies readonly AwayHandOn[];
export const awayHandOnSchema = z.enum(AWAY_HAND_ON, { error: 'Pick what happens to their conversations' });

function parse(value: unknown, field: string): AwayHandOn {
  const r = awayHandOnSchema.safeParse(value);
  if (!r.success) throw new DomainError('invalid', r.error.issues[0]?.message ?? 'Invalid choice', { field });
  return r.data;
}

/** What happens to an agent's unanswered conversations when they go away or offline (workspace default). */
export async function setWorkspaceAwayHandOn(t: Tenant, value: AwayHandOn): Promise<AwayHandOn> {
  const policy = parse(value, 'awayHandOn');
  const rows = await t.db.update(workspaces).set({ awayHandOn: policy }).where(eq(workspaces.id, t.workspaceId)).returning({ id: workspaces.id });
  if (rows.length === 0) throw notFound('Workspace');
  return policy;
}

/** A team's override (null: the workspace default). */
export async function setTeamAwayHandOn(t: Tenant, teamId: string, value: AwayHandOn | null): Promise<AwayHandOn | null> {
  requireUuid(teamId, 'Team');
  const policy = value === null ? null : parse(value, 'awayHandOn');
  const rows = await t.db
    .update(teams)
    .set({ awayHandOn: policy })
    .where(and(eq(teams.workspaceId, t.workspaceId), eq(teams.id, teamId)))
    .returning({ id: teams.id });
  if (rows.length === 0) throw notFound('Team');
  return policy;
}

/** The workspace's default. */
export async function getWorkspaceAwayHandOn(t: Tenant): Promise<AwayHandOn> {
  const [row] = await t.db.select({ v: workspaces.awayHandOn }).from(workspaces).where(eq(workspaces.id, t.workspaceId));
  return row?.v ?? 'leave';
}
