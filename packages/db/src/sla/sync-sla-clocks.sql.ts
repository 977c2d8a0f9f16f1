// Locks the queued conversations (FOR UPDATE, id order) and dequeues them in the statement that reads their state, clocks, policies and calendars; writes clocks in one INSERT and one UPDATE.
import { sql } from 'drizzle-orm';
import { matchSlaPolicy, planSlaClocks, type ExistingSlaClock, type SlaPolicy } from '@baton/engine';
import type { Database } from '../client';
import { slaClocks, slaSyncQueue } from '../schema';
import { calendarColumns, calendarsFromColumns, type CalendarColumns } from '../schedules/workspace-calendar';
import { jsonRecords } from '../sql/json-recordset';
import { policyFromRow, type SlaPolicyRow } from './sla-policy-rows';
import { nextSlaTimer, type SlaTimer } from './sla-timers';

export type SlaSyncResult = { synced: number; timers: SlaTimer[]; changed: Array<{ workspaceId: string; conversationId: string }> };

type ConversationState = {
  id: string;
  workspaceId: string;
  channelId: string;
  teamId: string | null;
  assigneeId: string | null;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  status: 'open' | 'closed';
  openedAt: string;
  closedAt: string | null;
  firstResponseAt: string | null;
  lastAgentReplyAt: string | null;
  firstIncomingAfterAgentReply: string | null;
  customerWaits: Array<{ from: string; to: string | null }>;
  tags: string[];
};
type ClockRow = {
  id: string;
  conversationId: string;
  kind: ExistingSlaClock['kind'];
  startedAt: string;
  policyId: string | null;
  targetMs: string | number;
  dueAt: string | null;
  warnAt: string | null;
  warnedAt: string | null;
  breachedAt: string | null;
  stoppedAt: string | null;
  pausedAt: string | null;
  cancelled: boolean;
  seq: number;
};

/** A uuid[] parameter as Postgres' array literal (Drizzle would spread a JS array into a row). */
const pgUuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;
const ms = (v: string | null) => (v === null ? null : new Date(v).getTime());
const iso = (v: number | null) => (v === null ? null : new Date(v).toISOString());

/**
 * Re-plans the clocks of up to `limit` queued conversations (any workspaces) in one
 * transaction. Conversations are locked first, in id order — the lock every change to a
 * conversation takes — and only then their queue rows deleted: a writer queueing the same
 * conversation meanwhile waits on that lock, never on our delete (no lock cycle), and a
 * change committed after our read queues it again. Returns the timers to schedule after
 * commit and the conversations whose clocks changed.
 */
export async function syncSlaClocks(db: Database, limit = 500): Promise<SlaSyncResult> {
  return db.transaction(async (tx) => {
    const head = await tx.execute<{ id: string }>(sql`select conversation_id as id from ${slaSyncQueue} order by queued_at limit ${limit}`);
    if (head.rows.length === 0) return { synced: 0, timers: [], changed: [] };
    const ids = head.rows.map((r) => r.id);
    const res = await tx.execute<{ conversations: ConversationState[] | null; clocks: ClockRow[] | null; policies: Array<SlaPolicyRow & { workspaceId: string }> | null; now: string } & CalendarColumns>(sql`
      with locked as (
        select c.* from conversations c where c.id = any(${pgUuidArray(ids)}::uuid[]) order by c.id for update of c),
      dequeued as (
        delete from ${slaSyncQueue} q where q.conversation_id in (select id from locked) returning q.conversation_id)
      select
        (select json_agg(json_build_object(
            'id', l.id, 'workspaceId', l.workspace_id, 'channelId', l.channel_id, 'teamId', l.team_id, 'assigneeId', l.assignee_id,
            'priority', l.priority, 'status', l.status, 'openedAt', l.opened_at, 'closedAt', l.closed_at,
            'firstResponseAt', l.first_response_at, 'lastAgentReplyAt', l.last_agent_reply_at,
            'firstIncomingAfterAgentReply', (select min(m.created_at) from messages m
               where m.conversation_id = l.id and m.direction = 'incoming' and l.last_agent_reply_at is not null and m.created_at > l.last_agent_reply_at),
            -- Waiting on the customer (only read where a policy pauses on it): from an agent
            -- reply that followed a customer message (or the opening) to the next customer message.
            'customerWaits', case when l.last_agent_reply_at is not null and exists (
                select 1 from sla_policies sp where sp.workspace_id = l.workspace_id and sp.pause_while_waiting_on_customer)
              then (select coalesce(json_agg(json_build_object('from', e.at, 'to', (
                         select min(m2.created_at) from messages m2
                          where m2.conversation_id = l.id and m2.direction = 'incoming' and m2.created_at > e.at)) order by e.at), '[]')
                      from (select m.created_at as at, m.direction,
                                   lag(m.direction) over (order by m.created_at, m.id) as prev
                              from messages m
                             where m.conversation_id = l.id and m.created_at >= l.opened_at
                               and (m.direction = 'incoming' or (not m.automated and m.author_user_id is not null))) e
                     where e.direction = 'outgoing' and (e.prev is null or e.prev = 'incoming'))
              else '[]' end,
            'tags', (select ct.tags from contacts ct where ct.id = l.contact_id)))
           from locked l where l.id in (select conversation_id from dequeued)) as conversations,
        (select json_agg(json_build_object(
            'id', k.id, 'conversationId', k.conversation_id, 'kind', k.kind, 'startedAt', k.started_at, 'policyId', k.policy_id,
            'targetMs', k.target_ms, 'dueAt', k.due_at, 'warnAt', k.warn_at, 'warnedAt', k.warned_at, 'breachedAt', k.breached_at,
            'stoppedAt', k.stopped_at, 'pausedAt', k.paused_at, 'cancelled', k.cancelled, 'seq', k.seq))
           from ${slaClocks} k join locked l on l.id = k.conversation_id
          where k.stopped_at is null or k.started_at >= l.opened_at) as clocks,
        (select json_agg(json_build_object(
            'workspaceId', p.workspace_id, 'id', p.id, 'position', p.position, 'name', p.name, 'conditions', p.conditions,
            'firstResponseSeconds', p.first_response_seconds, 'nextResponseSeconds', p.next_response_seconds,
            'resolutionSeconds', p.resolution_seconds, 'businessHours', p.business_hours, 'warningPercent', p.warning_percent,
            'pauseWhileWaitingOnCustomer', p.pause_while_waiting_on_customer)
            order by p.position, p.created_at)
           from sla_policies p where p.workspace_id in (select workspace_id from locked)) as policies,
        (extract(epoch from clock_timestamp()) * 1000)::bigint as now,
        ${calendarColumns(sql`select workspace_id from locked`)}`);
    const row = res.rows[0]!;
    const convs = row.conversations ?? [];
    if (convs.length === 0) return { synced: 0, timers: [], changed: [] };
    const now = Number(row.now);
    const calendars = calendarsFromColumns(convs.map((c) => c.workspaceId), row);
    const policiesOf = new Map<string, SlaPolicy[]>();
    for (const p of row.policies ?? []) policiesOf.set(p.workspaceId, [...(policiesOf.get(p.workspaceId) ?? []), policyFromRow(p)]);
    const clocksOf = new Map<string, ClockRow[]>();
    for (const k of row.clocks ?? []) clocksOf.set(k.conversationId, [...(clocksOf.get(k.conversationId) ?? []), k]);

    const inserts: Array<Record<string, unknown>> = [];
    const updates: Array<Record<string, unknown>> = [];
    const changed = new Set<string>();
    for (const c of convs) {
      const policy = matchSlaPolicy(policiesOf.get(c.workspaceId) ?? [], { channelId: c.channelId, teamId: c.teamId, priority: c.priority, tags: c.tags ?? [] });
      const existing: ExistingSlaClock[] = (clocksOf.get(c.id) ?? []).map((k) => ({
        id: k.id,
        kind: k.kind,
        startedAt: ms(k.startedAt)!,
        policyId: k.policyId,
        targetMs: Number(k.targetMs),
        dueAt: ms(k.dueAt),
        warnAt: ms(k.warnAt),
        stoppedAt: ms(k.stoppedAt),
        pausedAt: ms(k.pausedAt),
        cancelled: k.cancelled,
        seq: k.seq,
      }));
      const plan = planSlaClocks(
        {
          status: c.status,
          openedAt: ms(c.openedAt)!,
          closedAt: ms(c.closedAt),
          firstResponseAt: ms(c.firstResponseAt),
          lastAgentReplyAt: ms(c.lastAgentReplyAt),
          firstIncomingAfterAgentReply: ms(c.firstIncomingAfterAgentReply),
          customerWaits: (c.customerWaits ?? []).map((w) => ({ from: ms(w.from)!, to: ms(w.to) })),
        },
        policy,
        existing,
        calendars.get(c.workspaceId)!,
        now,
      );
      if (plan.create.length || plan.change.length) changed.add(c.id);
      for (const n of plan.create)
        inserts.push({ w: c.workspaceId, conv: c.id, policy: n.policyId, kind: n.kind, team: c.teamId, assignee: c.assigneeId, started: iso(n.startedAt), target: n.targetMs, due: iso(n.dueAt), warn: iso(n.warnAt), paused: iso(n.pausedAt) });
      for (const u of plan.change)
        updates.push({ w: c.workspaceId, id: u.id, policy: u.policyId, team: c.teamId, assignee: c.assigneeId, target: u.targetMs, due: iso(u.dueAt), warn: iso(u.warnAt), stopped: iso(u.stoppedAt), paused: iso(u.pausedAt), cancelled: u.cancelled, seq: u.seq });
    }
    type Written = { id: string; workspaceId: string; seq: number; warnAt: string | null; dueAt: string | null; warnedAt: string | null; breachedAt: string | null; stoppedAt: string | null };
    const written: Written[] = [];
    if (inserts.length) {
      const r = await tx.execute<Written>(sql`
        insert into ${slaClocks} (workspace_id, conversation_id, policy_id, kind, team_id, assignee_id, started_at, target_ms, due_at, warn_at, paused_at)
        select n.w, n.conv, n.policy, n.kind::sla_kind, n.team, n.assignee, n.started, n.target, n.due, n.warn, n.paused
          from ${jsonRecords(inserts, 'n', 'w uuid, conv uuid, policy uuid, kind text, team uuid, assignee uuid, started timestamptz, target bigint, due timestamptz, warn timestamptz, paused timestamptz')} n
        on conflict (conversation_id, kind, started_at) do nothing
        returning id, workspace_id as "workspaceId", seq, warn_at as "warnAt", due_at as "dueAt", warned_at as "warnedAt", breached_at as "breachedAt", stopped_at as "stoppedAt"`);
      written.push(...r.rows);
    }
    if (updates.length) {
      const r = await tx.execute<Written>(sql`
        update ${slaClocks} k set policy_id = u.policy, team_id = u.team, assignee_id = u.assignee, target_ms = u.target,
               due_at = u.due, warn_at = u.warn, stopped_at = u.stopped, paused_at = u.paused, cancelled = u.cancelled, seq = u.seq
          from ${jsonRecords(updates, 'u', 'w uuid, id uuid, policy uuid, team uuid, assignee uuid, target bigint, due timestamptz, warn timestamptz, stopped timestamptz, paused timestamptz, cancelled boolean, seq int')} u
         where k.workspace_id = u.w and k.id = u.id
        returning k.id, k.workspace_id as "workspaceId", k.seq, k.warn_at as "warnAt", k.due_at as "dueAt", k.warned_at as "warnedAt", k.breached_at as "breachedAt", k.stopped_at as "stoppedAt"`);
      written.push(...r.rows);
    }
    if (changed.size) {
      await tx.execute(sql`
        update conversations c set sla_due_at = (select min(k.due_at) from ${slaClocks} k where k.conversation_id = c.id and k.stopped_at is null)
         where c.id = any(${pgUuidArray([...changed])}::uuid[])`);
    }
    const date = (v: string | Date | null) => (v === null ? null : new Date(v));
    const timers = written.flatMap((w) => {
      const t = nextSlaTimer({ ...w, warnAt: date(w.warnAt), dueAt: date(w.dueAt), warnedAt: date(w.warnedAt), breachedAt: date(w.breachedAt), stoppedAt: date(w.stoppedAt) });
      return t ? [t] : [];
    });
    return {
      synced: convs.length,
      timers,
      changed: convs.filter((c) => changed.has(c.id)).map((c) => ({ workspaceId: c.workspaceId, conversationId: c.id })),
    };
  });
}
