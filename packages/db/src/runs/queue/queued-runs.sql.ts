import { sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../client';
import { conversationQueue, workflowRuns } from '../../schema';

// The queue's statements. A queue is the workspace's waiting runs whose state holds `queue`
// (index workflow_runs_queue_idx: workspace, pool, arrival).

/** Serialises drains of one workspace across workers (a transaction-level advisory lock). */
export async function lockWorkspaceQueues(tx: Tx, workspaceId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'baton-queue:' + workspaceId}, 0))`);
}

/**
 * The oldest queued runs of the given pools (all pools when null): the head of each pool in
 * index order, then the oldest of those — one index range per pool instead of a sort of
 * every queued run. No locks (the caller locks what it picks, conversation first). A run
 * behind an older returned conversation of its pool waits for it (oldestReturned): one
 * arrival order per pool across both kinds of entry.
 */
export async function oldestQueuedRuns(tx: Tx, workspaceId: string, pools: readonly string[] | null, limit: number): Promise<string[]> {
  const poolSet = pools
    ? sql`select unnest(${`{${pools.map((p) => `"${p}"`).join(',')}}`}::text[])`
    : sql`select distinct (q.state->'queue'->>'pool') from ${workflowRuns} q
           where q.workspace_id = ${workspaceId} and q.status = 'waiting' and (q.state->'queue'->>'pool') is not null`;
  const res = await tx.execute<{ id: string }>(sql`
    select h.id from (${poolSet}) as p(pool)
     cross join lateral (
       select r.id, ((r.state->'queue'->>'since')::bigint) as since from ${workflowRuns} r
        where r.workspace_id = ${workspaceId} and r.status = 'waiting'
          and (r.state->'queue'->>'pool') is not null and (r.state->'queue'->>'pool') = p.pool
          and not exists (select 1 from ${conversationQueue} cq
                           where cq.workspace_id = ${workspaceId} and cq.pool = p.pool
                             and (extract(epoch from cq.queued_at) * 1000)::bigint < ((r.state->'queue'->>'since')::bigint))
        order by ((r.state->'queue'->>'since')::bigint), r.id
        limit ${limit}) h
     order by h.since, h.id
     limit ${limit}`);
  return res.rows.map((r) => r.id);
}

/**
 * Members' availability under a share lock, in its own statement (a fresh snapshot, after
 * the caller's conversation locks): an agent going offline either committed first and is
 * seen here, or waits for the caller's commit — never picked while already gone.
 */
export async function lockMemberAvailability(tx: Tx, workspaceId: string): Promise<Map<string, 'online' | 'away' | 'offline'>> {
  const res = await tx.execute<{ user_id: string; availability: 'online' | 'away' | 'offline' }>(sql`
    select user_id, availability from memberships where workspace_id = ${workspaceId} order by id for share`);
  return new Map(res.rows.map((r) => [r.user_id, r.availability]));
}

/**
 * The oldest conversations returned to the given pools' queues (all when null), each not
 * behind an older queued run of its pool (the converse of oldestQueuedRuns). No locks.
 */
export async function oldestReturned(
  tx: Tx,
  workspaceId: string,
  pools: readonly string[] | null,
  limit: number,
): Promise<string[]> {
  const res = await tx.execute<{ conversation_id: string }>(sql`
    select q.conversation_id from ${conversationQueue} q
     where q.workspace_id = ${workspaceId}
       ${pools ? sql`and q.pool = any(${`{${pools.map((p) => `"${p}"`).join(',')}}`}::text[])` : sql``}
       and not exists (select 1 from ${workflowRuns} r
                        where r.workspace_id = ${workspaceId} and r.status = 'waiting'
                          and (r.state->'queue'->>'pool') is not null and (r.state->'queue'->>'pool') = q.pool
                          and ((r.state->'queue'->>'since')::bigint) < (extract(epoch from q.queued_at) * 1000)::bigint)
     order by q.queued_at, q.conversation_id
     limit ${limit}`);
  return res.rows.map((r) => r.conversation_id);
}

/** Workspaces with a conversation waiting in a queue (cross-tenant: the worker's catch-up). */
export async function findQueuedWorkspaces(db: Executor): Promise<string[]> {
  const res = await db.execute<{ workspace_id: string }>(sql`
    select distinct workspace_id from workflow_runs
     where status = 'waiting' and (state->'queue'->>'pool') is not null
    union
    select distinct workspace_id from ${conversationQueue}`);
  return res.rows.map((r) => r.workspace_id);
}
