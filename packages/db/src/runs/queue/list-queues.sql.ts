import { sql } from 'drizzle-orm';
import type { Tenant } from '../../tenancy/tenant';

export type QueueEntry = {
  runId: string;
  conversationId: string;
  contactName: string | null;
  workflowName: string;
  pool: string;
  /** Team id for a team's queue, null for the workspace's. */
  teamId: string | null;
  /** "Sales", or "Workspace" for the workspace's queue. */
  queueName: string;
  /** 1 = next to be assigned in its queue. */
  position: number;
  queuedAt: Date;
  timeoutAt: Date;
};

/** Every conversation waiting in an assignment queue, per queue in arrival order (the runs area and the inbox). */
export async function listQueues(t: Tenant, opts: { conversationIds?: readonly string[]; limit?: number } = {}): Promise<QueueEntry[]> {
  const only = opts.conversationIds;
  if (only && only.length === 0) return [];
  const res = await t.db.execute<{
    run_id: string;
    conversation_id: string;
    contact_name: string | null;
    workflow_name: string;
    pool: string;
    team_id: string | null;
    team_name: string | null;
    position: number;
    since: string;
    until: string;
  }>(sql`
    select * from (
      select r.id as run_id, r.conversation_id, ct.name as contact_name, w.name as workflow_name,
             r.state->'queue'->>'pool' as pool, tm.id as team_id, tm.name as team_name,
             (row_number() over (partition by r.state->'queue'->>'pool'
                                 order by (r.state->'queue'->>'since')::bigint, r.id))::int as position,
             r.state->'queue'->>'since' as since, r.state->'queue'->>'until' as until
        from workflow_runs r
        join workflows w on w.id = r.workflow_id
        join conversations c on c.id = r.conversation_id and c.workspace_id = r.workspace_id
        join contacts ct on ct.id = c.contact_id
        left join teams tm on tm.workspace_id = r.workspace_id
                          and 'team:' || tm.id::text = r.state->'queue'->>'pool'
       where r.workspace_id = ${t.workspaceId} and r.status = 'waiting'
         and (r.state->'queue'->>'pool') is not null) q
     ${only ? sql`where q.conversation_id = any(${`{${only.join(',')}}`}::uuid[])` : sql``}
     order by q.team_name nulls last, q.pool, q.position
     limit ${opts.limit ?? 1000}`);
  return res.rows.map((r) => ({
    runId: r.run_id,
    conversationId: r.conversation_id,
    contactName: r.contact_name,
    workflowName: r.workflow_name,
    pool: r.pool,
    teamId: r.team_id,
    queueName: r.pool === 'workspace' ? 'Workspace' : (r.team_name ?? 'Deleted team'),
    position: r.position,
    queuedAt: new Date(Number(r.since)),
    timeoutAt: new Date(Number(r.until)),
  }));
}
