import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { slaPolicyInputSchema, type SlaPolicy, type SlaPolicyInput } from '@baton/engine';
import { channels, slaPolicies, teams } from '../schema';
import { inTransaction, type Tenant, type TenantTx } from '../tenancy/tenant';
import { DomainError, notFound } from '../tenancy/errors';
import { requireUuid } from '../identity/require-uuid';
import { policyFromRow } from './sla-policy-rows';
import { requestSlaRecompute } from './request-sla-recompute.sql';
import { lockSlaPolicyOrder } from './lock-sla-policies.sql';

export async function listSlaPolicies(t: Tenant): Promise<SlaPolicy[]> {
  const rows = await t.db
    .select()
    .from(slaPolicies)
    .where(eq(slaPolicies.workspaceId, t.workspaceId))
    .orderBy(asc(slaPolicies.position), asc(slaPolicies.createdAt));
  return rows.map(policyFromRow);
}

/** Teams and channels a policy names must be this workspace's: an unknown one is a field error, nothing saved. */
async function checkReferences(tx: TenantTx, input: SlaPolicyInput): Promise<void> {
  const teamIds = [...new Set([...input.conditions.teamIds, ...(input.businessHours?.type === 'team' ? [input.businessHours.teamId] : [])])];
  if (teamIds.length) {
    const found = new Set(
      (await tx.db.select({ id: teams.id }).from(teams).where(and(eq(teams.workspaceId, tx.workspaceId), inArray(teams.id, teamIds)))).map((r) => r.id),
    );
    if (input.businessHours?.type === 'team' && !found.has(input.businessHours.teamId))
      throw new DomainError('invalid', 'Unknown schedule: that team is not in this workspace', { field: 'businessHours' });
    if (input.conditions.teamIds.some((id) => !found.has(id)))
      throw new DomainError('invalid', 'Unknown team in the conditions', { field: 'conditions.teamIds' });
  }
  if (input.conditions.channelIds.length) {
    const found = await tx.db
      .select({ id: channels.id })
      .from(channels)
      .where(and(eq(channels.workspaceId, tx.workspaceId), inArray(channels.id, input.conditions.channelIds)));
    if (found.length !== new Set(input.conditions.channelIds).size)
      throw new DomainError('invalid', 'Unknown channel in the conditions', { field: 'conditions.channelIds' });
  }
}

function columns(input: SlaPolicyInput) {
  return {
    name: input.name,
    conditions: input.conditions,
    firstResponseSeconds: input.targets.firstResponseSeconds,
    nextResponseSeconds: input.targets.nextResponseSeconds,
    resolutionSeconds: input.targets.resolutionSeconds,
    businessHours: input.businessHours,
    warningPercent: input.warningPercent,
    pauseWhileWaitingOnCustomer: input.pauseWhileWaitingOnCustomer,
  };
}

/** Parsed whole before anything is written; a new policy goes last (it applies when no earlier one matches). */
export function createSlaPolicy(t: Tenant, raw: unknown): Promise<{ id: string }> {
  const input = slaPolicyInputSchema.parse(raw);
  return inTransaction(t, async (tx) => {
    await checkReferences(tx, input);
    await lockSlaPolicyOrder(tx);
    const [row] = await tx.db
      .insert(slaPolicies)
      .values({
        workspaceId: tx.workspaceId,
        position: sql`(select coalesce(max(position) + 1, 0) from ${slaPolicies} where workspace_id = ${tx.workspaceId})`,
        ...columns(input),
      })
      .returning({ id: slaPolicies.id });
    await requestSlaRecompute(tx.db, tx.workspaceId);
    return { id: row!.id };
  });
}

export function updateSlaPolicy(t: Tenant, policyId: string, raw: unknown): Promise<void> {
  requireUuid(policyId, 'SLA policy');
  const input = slaPolicyInputSchema.parse(raw);
  return inTransaction(t, async (tx) => {
    await checkReferences(tx, input);
    const updated = await tx.db
      .update(slaPolicies)
      .set({ ...columns(input), updatedAt: sql`now()` })
      .where(and(eq(slaPolicies.workspaceId, tx.workspaceId), eq(slaPolicies.id, policyId)))
      .returning({ id: slaPolicies.id });
    if (!updated.length) throw notFound('SLA policy');
    await requestSlaRecompute(tx.db, tx.workspaceId);
  });
}

export function deleteSlaPolicy(t: Tenant, policyId: string): Promise<void> {
  requireUuid(policyId, 'SLA policy');
  return inTransaction(t, async (tx) => {
    const deleted = await tx.db
      .delete(slaPolicies)
      .where(and(eq(slaPolicies.workspaceId, tx.workspaceId), eq(slaPolicies.id, policyId)))
      .returning({ id: slaPolicies.id });
    if (!deleted.length) throw notFound('SLA policy');
    await requestSlaRecompute(tx.db, tx.workspaceId);
  });
}

/** Swaps a policy with its neighbour: order decides which policy applies. */
export function moveSlaPolicy(t: Tenant, policyId: string, direction: 'up' | 'down'): Promise<void> {
  requireUuid(policyId, 'SLA policy');
  return inTransaction(t, async (tx) => {
    await lockSlaPolicyOrder(tx);
    const rows = await tx.db
      .select({ id: slaPolicies.id })
      .from(slaPolicies)
      .where(eq(slaPolicies.workspaceId, tx.workspaceId))
      .orderBy(asc(slaPolicies.position), asc(slaPolicies.createdAt));
    const i = rows.findIndex((r) => r.id === policyId);
    if (i < 0) throw notFound('SLA policy');
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= rows.length) return;
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    for (const [position, r] of rows.entries())
      await tx.db.update(slaPolicies).set({ position }).where(and(eq(slaPolicies.workspaceId, tx.workspaceId), eq(slaPolicies.id, r.id)));
    await requestSlaRecompute(tx.db, tx.workspaceId);
  });
}
