// Locks one sla_recompute_requests row (skip locked); saves a round trip per conversation by queueing 500 open conversations in one INSERT … SELECT.
import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import { slaRecomputeRequests, slaSyncQueue } from '../schema';

/**
 * One bounded step of "re-plan every open conversation" (a policy or schedule changed): queues
 * the next `batch` open conversations of one requesting workspace, in id order, for the sync,
 * and records how far it got; the last step removes the request unless a newer one came in
 * meanwhile. Returns how many it queued (0: nothing to do).
 */
export async function advanceSlaRecompute(db: Database, batch = 500): Promise<number> {
  return db.transaction(async (tx) => {
    const req = await tx.execute<{ workspaceId: string; afterId: string | null; requestedAt: string }>(sql`
      select workspace_id as "workspaceId", after_id as "afterId", requested_at::text as "requestedAt" from ${slaRecomputeRequests}
       order by requested_at limit 1 for update skip locked`);
    const r = req.rows[0];
    if (!r) return 0;
    const queued = await tx.execute<{ id: string }>(sql`
      with next as (
        select id, workspace_id from conversations
         where workspace_id = ${r.workspaceId} and status = 'open' ${r.afterId ? sql`and id > ${r.afterId}` : sql``}
         order by id limit ${batch})
      , ins as (
        insert into ${slaSyncQueue} (conversation_id, workspace_id) select id, workspace_id from next on conflict do nothing)
      select max(id::text) as id, count(*)::int as n from next`);
    const last = (queued.rows[0] as unknown as { id: string | null; n: number }) ?? { id: null, n: 0 };
    if (last.n < batch) {
      await tx.execute(sql`delete from ${slaRecomputeRequests} where workspace_id = ${r.workspaceId} and requested_at = ${r.requestedAt}::timestamptz`);
    } else {
      await tx.execute(sql`update ${slaRecomputeRequests} set after_id = ${last.id}::uuid where workspace_id = ${r.workspaceId} and requested_at = ${r.requestedAt}::timestamptz`);
    }
    return Math.max(last.n, 1);
  });
}
