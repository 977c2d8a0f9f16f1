// The worker's side of simulations: claim (row lock, skip locked), heartbeat with progress,
// finish. Cross-tenant only in claimSimulation (it finds work in any workspace); every
// other statement matches workspace and id.
import { sql } from 'drizzle-orm';
import type { SimulationResult } from '@baton/engine';
import type { Executor } from '../client';
import { simulations, workflowVersions } from '../schema';
import type { Tenant } from '../tenancy/tenant';

/** A running simulation whose worker has not written for this long is taken over by another. */
export const SIMULATION_STALE_MS = 60_000;

export type ClaimedSimulation = {
  id: string;
  workspaceId: string;
  workflowId: string;
  periodFrom: Date;
  periodTo: Date;
  seed: number;
  draftDefinition: unknown;
  publishedVersionId: string | null;
  publishedDefinition: unknown;
};

/**
 * Takes the oldest queued simulation (or a running one whose worker went quiet): locks it (skip
 * locked) and marks it running. On the way it settles running ones whose worker went quiet after
 * a cancel was asked for: no worker claims those again, so without this they would stay running
 * for good and count against the workspace's pending limit.
 */
export async function claimSimulation(db: Executor): Promise<ClaimedSimulation | null> {
  const res = await db.execute<Record<string, unknown>>(sql`
    with abandoned as (
      update ${simulations} set status = 'cancelled', finished_at = now(), updated_at = now()
       where status = 'running' and cancel_requested_at is not null
         and updated_at < now() - make_interval(secs => ${SIMULATION_STALE_MS / 1000})),
    next as (
      select id from ${simulations}
       where (status = 'queued' or (status = 'running' and updated_at < now() - make_interval(secs => ${SIMULATION_STALE_MS / 1000})))
         and cancel_requested_at is null
       order by created_at, id limit 1 for update skip locked)
    update ${simulations} s set status = 'running', started_at = coalesce(s.started_at, now()), updated_at = now(), progress = 0
      from next where s.id = next.id
    returning s.id, s.workspace_id, s.workflow_id, s.period_from, s.period_to, s.seed, s.draft_definition, s.published_version_id,
              (select v.definition from ${workflowVersions} v where v.workspace_id = s.workspace_id and v.id = s.published_version_id) as published_definition`);
  const r = res.rows[0];
  if (!r) return null;
  return {
    id: String(r.id),
    workspaceId: String(r.workspace_id),
    workflowId: String(r.workflow_id),
    periodFrom: new Date(r.period_from as string),
    periodTo: new Date(r.period_to as string),
    seed: Number(r.seed),
    draftDefinition: r.draft_definition,
    publishedVersionId: (r.published_version_id as string | null) ?? null,
    publishedDefinition: r.published_definition ?? null,
  };
}

/** Writes progress (the heartbeat); answers whether a cancel was asked for (or the row is gone). */
export async function reportSimulationProgress(t: Tenant, id: string, progress: number): Promise<{ cancelled: boolean }> {
  const res = await t.db.execute<{ cancel_requested_at: Date | null }>(sql`
    update ${simulations} set progress = ${Math.max(0, Math.min(1, progress))}, updated_at = now()
     where workspace_id = ${t.workspaceId} and id = ${id} and status = 'running'
     returning cancel_requested_at`);
  const row = res.rows[0];
  return { cancelled: !row || row.cancel_requested_at !== null };
}

/**
 * Ends a running simulation. A result is kept only if no cancel was asked for: a cancel that
 * arrives after the last heartbeat but before this write still ends it cancelled, with nothing
 * stored. Returns the status written (null when the row was no longer running).
 */
export async function finishSimulation(
  t: Tenant,
  id: string,
  outcome: { status: 'succeeded'; result: SimulationResult } | { status: 'failed'; error: string } | { status: 'cancelled' },
): Promise<'succeeded' | 'failed' | 'cancelled' | null> {
  const result = outcome.status === 'succeeded' ? JSON.stringify(outcome.result) : null;
  const error = outcome.status === 'failed' ? outcome.error : null;
  const res = await t.db.execute<{ status: 'succeeded' | 'failed' | 'cancelled' }>(sql`
    update ${simulations}
       set status = (case when ${outcome.status} = 'succeeded' and cancel_requested_at is not null then 'cancelled' else ${outcome.status} end)::simulation_status,
           result = case when cancel_requested_at is null then ${result}::jsonb end, error = ${error},
           progress = case when ${outcome.status} = 'succeeded' and cancel_requested_at is null then 1 else progress end,
           finished_at = now(), updated_at = now()
     where workspace_id = ${t.workspaceId} and id = ${id} and status = 'running'
     returning status`);
  return res.rows[0]?.status ?? null;
}

/** Back to the queue (the worker stopped mid-run): the next worker starts it over. */
export async function requeueSimulation(t: Tenant, id: string): Promise<void> {
  await t.db.execute(sql`
    update ${simulations} set status = 'queued', progress = 0, updated_at = now()
     where workspace_id = ${t.workspaceId} and id = ${id} and status = 'running'`);
}
