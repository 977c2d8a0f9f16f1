import { and, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { simulations, workflows } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { DomainError, notFound } from '../tenancy/errors';
import { requireUuid } from '../identity/require-uuid';
import type { SimulationRequest } from './simulation-request';

/** Simulations queued or running at once per workspace: each is a worker's CPU for up to a minute. */
export const MAX_PENDING_SIMULATIONS = 3;
/** Finished simulations kept per workflow (older ones are deleted when a new one is asked for). */
const KEPT_PER_WORKFLOW = 10;

export type SimulationRow = typeof simulations.$inferSelect;

/**
 * Queues a simulation of the workflow's current draft (copied now: edits made while it runs do
 * not change what it replays) against its published version, over the requested period.
 */
export async function createSimulation(t: Tenant, workflowId: string, request: SimulationRequest, createdBy: string | null): Promise<{ id: string }> {
  requireUuid(workflowId, 'Workflow');
  const [wf] = await t.db
    .select({ draft: workflows.draftDefinition, publishedVersionId: workflows.publishedVersionId })
    .from(workflows)
    .where(and(eq(workflows.workspaceId, t.workspaceId), eq(workflows.id, workflowId)));
  if (!wf) throw notFound('Workflow');
  const [{ pending }] = (await t.db
    .select({ pending: sql<number>`count(*)::int` })
    .from(simulations)
    .where(and(eq(simulations.workspaceId, t.workspaceId), inArray(simulations.status, ['queued', 'running'])))) as [{ pending: number }];
  if (pending >= MAX_PENDING_SIMULATIONS)
    throw new DomainError('conflict', `${pending} simulations are already running in this workspace: wait for one to finish or cancel it`);
  const [row] = await t.db
    .insert(simulations)
    .values({
      workspaceId: t.workspaceId,
      workflowId,
      periodFrom: request.from,
      periodTo: request.to,
      seed: request.seed,
      draftDefinition: wf.draft,
      publishedVersionId: wf.publishedVersionId,
      createdBy,
    })
    .returning({ id: simulations.id });
  const kept = t.db
    .select({ id: simulations.id })
    .from(simulations)
    .where(and(eq(simulations.workspaceId, t.workspaceId), eq(simulations.workflowId, workflowId)))
    .orderBy(desc(simulations.createdAt), desc(simulations.id))
    .limit(KEPT_PER_WORKFLOW);
  await t.db
    .delete(simulations)
    .where(
      and(
        eq(simulations.workspaceId, t.workspaceId),
        eq(simulations.workflowId, workflowId),
        inArray(simulations.status, ['succeeded', 'failed', 'cancelled']),
        notInArray(simulations.id, kept),
      ),
    );
  return { id: row!.id };
}

export async function getSimulation(t: Tenant, simulationId: string): Promise<SimulationRow> {
  requireUuid(simulationId, 'Simulation');
  const [row] = await t.db
    .select()
    .from(simulations)
    .where(and(eq(simulations.workspaceId, t.workspaceId), eq(simulations.id, simulationId)));
  if (!row) throw notFound('Simulation');
  return row;
}

/** The workflow's simulations, newest first, without their results (a list, not a report). */
export async function listSimulations(t: Tenant, workflowId: string, limit = 10) {
  requireUuid(workflowId, 'Workflow');
  return t.db
    .select({
      id: simulations.id,
      status: simulations.status,
      progress: simulations.progress,
      periodFrom: simulations.periodFrom,
      periodTo: simulations.periodTo,
      seed: simulations.seed,
      error: simulations.error,
      createdAt: simulations.createdAt,
      finishedAt: simulations.finishedAt,
    })
    .from(simulations)
    .where(and(eq(simulations.workspaceId, t.workspaceId), eq(simulations.workflowId, workflowId)))
    .orderBy(desc(simulations.createdAt), desc(simulations.id))
    .limit(limit);
}

/**
 * Asks a simulation to stop. A queued one is cancelled at once; a running one is marked and
 * the worker stops at its next progress write (at most a second later), keeping no result.
 */
export async function cancelSimulation(t: Tenant, simulationId: string): Promise<void> {
  requireUuid(simulationId, 'Simulation');
  const rows = await t.db
    .update(simulations)
    .set({
      cancelRequestedAt: sql`coalesce(${simulations.cancelRequestedAt}, now())`,
      status: sql`case when ${simulations.status} = 'queued' then 'cancelled'::simulation_status else ${simulations.status} end`,
      finishedAt: sql`case when ${simulations.status} = 'queued' then now() else ${simulations.finishedAt} end`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(simulations.workspaceId, t.workspaceId), eq(simulations.id, simulationId)))
    .returning({ id: simulations.id });
  if (rows.length === 0) throw notFound('Simulation');
}
