import { sql } from 'drizzle-orm';
import type { Tenant } from '../tenancy/tenant';
import { metricsPeriodSchema, type MetricsPeriodInput } from './metrics-period';

export type ConversationMetrics = {
  /** Conversations opened (or reopened: each opening counts) in the period. */
  opened: number;
  /** Of those, how many got a first reply. */
  answered: number;
  /** First response time over answered openings; percentiles interpolate (percentile_cont). */
  firstResponseMedianMs: number | null;
  firstResponseP90Ms: number | null;
  /** Openings in the period that were reassigned at least once during that opening. */
  reassignedConversations: number;
  reassignedShare: number | null;
  /** Reassignment events in the period. */
  reassignments: number;
  /** How long the previous assignee held a conversation before it was reassigned. */
  timeToReassignMedianMs: number | null;
  timeToReassignP90Ms: number | null;
};

export type DailyMetrics = {
  /** Calendar day (YYYY-MM-DD) in the period's time zone. */
  day: string;
  opened: number;
  firstResponseMedianMs: number | null;
  firstResponseP90Ms: number | null;
  reassignedShare: number | null;
  reassignments: number;
  assignments: number;
};

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

// Openings in the period with their first response and whether they were reassigned. The
// opened_at column is reset on reopen, so one row is one opening; a reassignment belongs to
// it when it happened after that opening started.
const openings = (t: Tenant, from: string, to: string) => sql`
  select c.id, c.opened_at, c.first_response_ms,
         exists (select 1 from conversation_events e
                 where e.workspace_id = c.workspace_id and e.conversation_id = c.id
                   and e.type = 'reassigned' and e.created_at >= c.opened_at) as reassigned
  from conversations c
  where c.workspace_id = ${t.workspaceId}
    and c.opened_at >= ${from}::timestamptz and c.opened_at < ${to}::timestamptz`;

// Every assignment event in the period, with how long the previous assignee had held the
// conversation (LAG over the conversation's assignment history, including older events).
const assignmentEvents = (t: Tenant, from: string, to: string) => sql`
  select * from (
    select e.type, e.created_at,
           extract(epoch from e.created_at - lag(e.created_at) over (
             partition by e.conversation_id order by e.created_at, e.id)) * 1000 as held_ms
    from conversation_events e
    where e.workspace_id = ${t.workspaceId} and e.type in ('assigned', 'reassigned')
      and e.created_at < ${to}::timestamptz
  ) x where x.created_at >= ${from}::timestamptz`;

export async function getConversationMetrics(
  t: Tenant,
  raw: MetricsPeriodInput,
): Promise<{ summary: ConversationMetrics; daily: DailyMetrics[] }> {
  const p = metricsPeriodSchema.parse(raw);
  const from = p.from.toISOString();
  const to = p.to.toISOString();
  const tz = p.timeZone;

  const summaryRes = await t.db.execute<Record<string, unknown>>(sql`
    with o as (${openings(t, from, to)}), a as (${assignmentEvents(t, from, to)})
    select
      (select count(*) from o)::int as opened,
      (select count(first_response_ms) from o)::int as answered,
      (select percentile_cont(0.5) within group (order by first_response_ms) from o) as frt_p50,
      (select percentile_cont(0.9) within group (order by first_response_ms) from o) as frt_p90,
      (select count(*) filter (where reassigned) from o)::int as reassigned_conversations,
      (select count(*) from a where type = 'reassigned')::int as reassignments,
      (select percentile_cont(0.5) within group (order by held_ms) from a where type = 'reassigned') as ttr_p50,
      (select percentile_cont(0.9) within group (order by held_ms) from a where type = 'reassigned') as ttr_p90`);
  const s = summaryRes.rows[0]!;
  const opened = Number(s.opened);
  const reassignedConversations = Number(s.reassigned_conversations);
  const summary: ConversationMetrics = {
    opened,
    answered: Number(s.answered),
    firstResponseMedianMs: num(s.frt_p50),
    firstResponseP90Ms: num(s.frt_p90),
    reassignedConversations,
    reassignedShare: opened ? reassignedConversations / opened : null,
    reassignments: Number(s.reassignments),
    timeToReassignMedianMs: num(s.ttr_p50),
    timeToReassignP90Ms: num(s.ttr_p90),
  };

  const dailyRes = await t.db.execute<Record<string, unknown>>(sql`
    with o as (${openings(t, from, to)}), a as (${assignmentEvents(t, from, to)}),
    days as (
      select d::date as day from generate_series(
        (${from}::timestamptz at time zone ${tz})::date,
        ((${to}::timestamptz - interval '1 microsecond') at time zone ${tz})::date,
        interval '1 day') d
    ),
    od as (
      select (opened_at at time zone ${tz})::date as day, count(*)::int as opened,
             percentile_cont(0.5) within group (order by first_response_ms) as frt_p50,
             percentile_cont(0.9) within group (order by first_response_ms) as frt_p90,
             count(*) filter (where reassigned)::int as reassigned
      from o group by 1
    ),
    ad as (
      select (created_at at time zone ${tz})::date as day,
             count(*) filter (where type = 'reassigned')::int as reassignments,
             count(*)::int as assignments
      from a group by 1
    )
    select to_char(days.day, 'YYYY-MM-DD') as day,
           coalesce(od.opened, 0) as opened, od.frt_p50, od.frt_p90, od.reassigned,
           coalesce(ad.reassignments, 0) as reassignments, coalesce(ad.assignments, 0) as assignments
    from days left join od on od.day = days.day left join ad on ad.day = days.day
    order by days.day`);
  const daily = dailyRes.rows.map((r) => {
    const dayOpened = Number(r.opened);
    return {
      day: String(r.day),
      opened: dayOpened,
      firstResponseMedianMs: num(r.frt_p50),
      firstResponseP90Ms: num(r.frt_p90),
      reassignedShare: dayOpened ? Number(r.reassigned) / dayOpened : null,
      reassignments: Number(r.reassignments),
      assignments: Number(r.assignments),
    };
  });
  return { summary, daily };
}
