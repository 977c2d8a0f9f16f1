// No locks beyond the upsert of the workspace's request row; one statement decides whether anything needs re-planning.
import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { slaClocks, slaPolicies, slaRecomputeRequests } from '../schema';

/**
 * A policy, schedule or the workspace zone changed: every open conversation's clocks must be
 * re-planned. Only the request is written here (one row, in the caller's transaction); the
 * worker walks the conversations in bounded batches. A request made while one is under way
 * starts the walk over (the earlier conversations may have been planned with the old rules).
 */
export async function requestSlaRecompute(db: Executor, workspaceId: string): Promise<void> {
  // A workspace without policies or running clocks has nothing to re-plan (a schedule edit there costs nothing).
  await db.execute(sql`
    insert into ${slaRecomputeRequests} (workspace_id)
    select ${workspaceId}::uuid
     where exists (select 1 from ${slaPolicies} where workspace_id = ${workspaceId})
        or exists (select 1 from ${slaClocks} where workspace_id = ${workspaceId} and stopped_at is null)
    on conflict (workspace_id) do update set requested_at = now(), after_id = null`);
  await db.execute(sql`select pg_notify('baton_sla_sync', '')`);
}
