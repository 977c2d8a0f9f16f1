// Many pending waits, fast: one run is routed through the real path (API → worker → wait),
// then cloned in Postgres (contact, conversation, outbox event, run, run steps — the rows a
// waiting run owns) and each clone's timer is scheduled through the production QueueClient,
// so Redis holds exactly the delayed jobs production would.
import type pg from 'pg';
import type { QueueClient } from '@baton/queue';

export type TemplateRun = { conversationId: string; runId: string; workspaceId: string };

export async function waitForTemplateRun(pool: pg.Pool, workspaceId: string, externalId: string, timeoutMs = 30_000): Promise<TemplateRun> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool.query(
      `select r.id as run_id, r.conversation_id from workflow_runs r
         join conversations c on c.id = r.conversation_id join contacts ct on ct.id = c.contact_id
        where ct.workspace_id = $1 and ct.external_id = $2 and r.status = 'waiting'`,
      [workspaceId, externalId],
    );
    if (rows[0]) return { runId: rows[0].run_id, conversationId: rows[0].conversation_id, workspaceId };
    if (Date.now() > deadline) throw new Error(`template run for ${externalId} never reached its wait`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const CLONE_SQL = `
with m as materialized (
  select g, gen_random_uuid() as contact_id, gen_random_uuid() as conv_id, gen_random_uuid() as event_id,
         gen_random_uuid() as run_id, $4::timestamptz + ((g - $1) * $5::float8) * interval '1 millisecond' as wake_at
    from generate_series($1::int, $2::int) g),
tc as (select * from conversations where id = $6),
tr as (select * from workflow_runs where id = $7),
c1 as (insert into contacts (id, workspace_id, channel_id, external_id, name)
       select m.contact_id, tc.workspace_id, tc.channel_id, $3 || m.g, 'Bench ' || m.g from m, tc),
c2 as (insert into conversations (id, workspace_id, channel_id, contact_id, status, assignee_id, team_id, opened_by,
                                  last_incoming_at, last_activity_at, last_message_preview)
       select m.conv_id, tc.workspace_id, tc.channel_id, m.contact_id, 'open', tc.assignee_id, tc.team_id, tc.opened_by,
              tc.last_incoming_at, tc.last_activity_at, tc.last_message_preview from m, tc),
c3 as (insert into outbox_events (id, workspace_id, type, conversation_id, source, payload, processed_at)
       select m.event_id, tc.workspace_id, 'conversation.opened', m.conv_id, 'contact', '{}'::jsonb, now() from m, tc),
c4 as (insert into workflow_runs (id, workspace_id, workflow_id, workflow_version_id, conversation_id, trigger_event_id,
                                  status, current_step_id, resume_step_id, wake_at, wait_seq, state)
       select m.run_id, tr.workspace_id, tr.workflow_id, tr.workflow_version_id, m.conv_id, m.event_id, 'waiting',
              tr.current_step_id, tr.resume_step_id, m.wake_at, tr.wait_seq, tr.state from m, tr
       returning id, wake_at, wait_seq),
c5 as (insert into run_steps (workspace_id, run_id, seq, step_id, step_type, output, decision, effects, started_at, finished_at)
       select s.workspace_id, m.run_id, s.seq, s.step_id, s.step_type, s.output, s.decision, s.effects, s.started_at, s.finished_at
         from m, run_steps s where s.run_id = $7)
select id, wake_at, wait_seq from c4`;

/**
 * Creates `count` waiting runs cloned from `template`, the i-th waking at
 * firstWake + i × stepMs, and schedules their timers. Returns the created runs.
 */
export async function createPendingWaits(
  pool: pg.Pool,
  queues: QueueClient,
  template: TemplateRun,
  opts: { count: number; firstWake: Date; stepMs: number; tag: string; keepIds?: boolean },
): Promise<{ runId: string; wakeAt: Date }[]> {
  const out: { runId: string; wakeAt: Date }[] = [];
  const chunk = 10_000;
  for (let from = 0; from < opts.count; from += chunk) {
    const to = Math.min(opts.count, from + chunk) - 1;
    const first = new Date(opts.firstWake.getTime() + from * opts.stepMs);
    const { rows } = await pool.query<{ id: string; wake_at: Date; wait_seq: number }>(CLONE_SQL, [
      from,
      to,
      `${opts.tag}-`,
      first,
      opts.stepMs,
      template.conversationId,
      template.runId,
    ]);
    const waits = rows.map((r) => ({ workspaceId: template.workspaceId, runId: r.id, waitSeq: r.wait_seq, wakeAt: r.wake_at }));
    for (let i = 0; i < waits.length; i += 2000) await queues.scheduleWaits(waits.slice(i, i + 2000));
    if (opts.keepIds) out.push(...waits.map((w) => ({ runId: w.runId, wakeAt: w.wakeAt })));
  }
  return out;
}
