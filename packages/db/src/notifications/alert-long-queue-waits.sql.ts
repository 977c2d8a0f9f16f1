import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/**
 * Lead alert (issue #16 item 5): for every conversation that has waited in a queue longer than
 * its workspace's queue_alert_minutes, one notification per lead, admin and owner — exactly
 * once per queue stay (source key: conversation + when it joined the queue; the unique
 * (user, source_key) index turns a repeat into nothing) — announced on commit like the
 * trigger-written ones (NOTIFY baton_notifications). Cross-tenant by design (the worker's
 * sweep); only workspaces that set the alert are read. Returns how many were written.
 */
export async function alertLongQueueWaits(db: Executor): Promise<number> {
  const res = await db.execute<{ n: number }>(sql`
    with due as (
      select r.workspace_id, r.conversation_id, r.state->'queue'->>'since' as since, r.state->'queue'->>'pool' as pool, w.queue_alert_minutes as minutes
        from workspaces w
        join workflow_runs r on r.workspace_id = w.id
       where w.queue_alert_minutes is not null
         and r.status = 'waiting' and (r.state->'queue'->>'pool') is not null
         and ((r.state->'queue'->>'since')::bigint) <= (extract(epoch from now()) * 1000)::bigint - w.queue_alert_minutes::bigint * 60000
    ), ins as (
      insert into notifications (workspace_id, user_id, kind, conversation_id, actor_user_id, text, source_key)
      select d.workspace_id, m.user_id, 'queue_waiting', d.conversation_id, null,
             'Waiting in the ' || coalesce(t.name, 'workspace') || ' queue for over ' || d.minutes || ' min',
             'queue_waiting:' || d.conversation_id || ':' || d.since
        from due d
        join memberships m on m.workspace_id = d.workspace_id and m.role in ('lead', 'admin', 'owner')
        left join teams t on t.workspace_id = d.workspace_id and d.pool = 'team:' || t.id::text
      on conflict (user_id, source_key) do nothing
      returning workspace_id, user_id)
    select count(pg_notify('baton_notifications', workspace_id || ':' || user_id))::int as n from ins`);
  return res.rows[0]?.n ?? 0;
}
