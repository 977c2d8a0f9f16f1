import { sql } from 'drizzle-orm';
import type { Tenant } from '../../tenancy/tenant';

export type QueueEntry = {
  /** The queued run; null for a conversation returned to its team's queue (no run holds it). */
  runId: string | null;
  conversationId: string;
  contactName: string | null;
  /** The run's workflow; null for a returned conversation (see `returnedBecause`). */
  workflowName: string | null;
  /** Why a returned conversation is queued ("Alice went offline without replying"); null for a run. */
  returnedBecause: string | null;
  pool: string;
  /** Team id for a team's queue, null for the workspace's. */
  teamId: string | null;
  /** "Sales", or "Workspace" for the workspace's queue. */
  queueName: string;
  /** 1 = next to be assigned in its queue. */
  position: number;
  queuedAt: Date;
  /** When the run's queue option gives up; null for a returned conversation (it waits until someone takes it). */
  timeoutAt: Date | null;
};

/**
 * Every conversation waiting in an assignment queue — queued runs and conversations returned
 * to their team's queue — per queue in arrival order (the runs area and the inbox).
 */
export async function listQueues(t: Tenant, opts: { conversationIds?: readonly string[]; limit?: number } = {}): Promise<QueueEntry[]> {
  const only = opts.conversationIds;
  if (only && only.length === 0) return [];
  const res = await t.db.execute<{
    run_id: string | null;
    conversation_id: string;
    contact_name: string | null;
    workflow_name: string | null;
    returned_because: string | null;
    pool: string;
    team_id: string | null;
    team_name: string | null;
    position: number;
    since: string;
    until: string | null;
  }>(sql`
    select * from (
      select e.*, tm.id as team_id, tm.name as team_name,
             (row_number() over (partition by e.pool order by e.since, e.tiebreak))::int as position
        from (
          select r.id as run_id, r.conversation_id, w.name as workflow_name, null::text as returned_because,
                 r.state->'queue'->>'pool' as pool, (r.state->'queue'->>'since')::bigint as since,
                 r.id::text as tiebreak, r.state->'queue'->>'until' as until
            from workflow_runs r
            join workflows w on w.id = r.workflow_id
           where r.workspace_id = ${t.workspaceId} and r.status = 'waiting'
             and (r.state->'queue'->>'pool') is not null
          union all
          select null, q.conversation_id, null, q.reason, q.pool, (extract(epoch from q.queued_at) * 1000)::bigint,
                 q.conversation_id::text, null
            from conversation_queue q
           where q.workspace_id = ${t.workspaceId}) e
        left join teams tm on tm.workspace_id = ${t.workspaceId} and 'team:' || tm.id::text = e.pool) q0
      join lateral (select ct.name as contact_name from conversations c join contacts ct on ct.id = c.contact_id
                     where c.id = q0.conversation_id and c.workspace_id = ${t.workspaceId}) cn on true
     ${only ? sql`where q0.conversation_id = any(${`{${only.join(',')}}`}::uuid[])` : sql``}
     order by q0.team_name nulls last, q0.pool, q0.position
     limit ${opts.limit ?? 1000}`);
  return res.rows.map((r) => ({
    runId: r.run_id,
    conversationId: r.conversation_id,
    contactName: r.contact_name,
    workflowName: r.workflow_name,
    returnedBecause: r.returned_because,
    pool: r.pool,
    teamId: r.team_id,
    queueName: r.pool === 'workspace' ? 'Workspace' : (r.team_name ?? 'Deleted team'),
    position: r.position,
    queuedAt: new Date(Number(r.since)),
    timeoutAt: r.until === null ? null : new Date(Number(r.until)),
  }));
}
