// No locks (reads stopped and breached SLA clocks of one workspace in the period); one statement per report.
import { sql } from 'drizzle-orm';
import type { Tenant } from '../tenancy/tenant';
import { metricsPeriodSchema, type MetricsPeriodInput } from './metrics-period';

/** Clocks that ended in the period, per day and team or agent: met (stopped in time) and breached. Cancelled clocks count neither way. */
export type SlaAttainmentRow = { day: string; dimension: 'team' | 'agent'; id: string | null; name: string; met: number; breached: number };
export type SlaBreach = {
  clockId: string;
  conversationId: string;
  contactName: string;
  kind: 'first_response' | 'next_response' | 'resolution';
  teamName: string | null;
  assigneeName: string | null;
  dueAt: Date;
  breachedAt: Date;
};

// A clock's outcome is decided when it breaches (breached) or stops before breaching (met);
// it counts on that day, for the team and assignee it had then.
const outcomes = (t: Tenant, from: string, to: string) => sql`
  select k.*, coalesce(k.breached_at, k.stopped_at) as decided_at, k.breached_at is not null as missed
    from sla_clocks k
   where k.workspace_id = ${t.workspaceId} and not k.cancelled
     and coalesce(k.breached_at, k.stopped_at) >= ${from}::timestamptz and coalesce(k.breached_at, k.stopped_at) < ${to}::timestamptz`;

export async function getSlaAttainment(t: Tenant, raw: MetricsPeriodInput): Promise<SlaAttainmentRow[]> {
  const p = metricsPeriodSchema.parse(raw);
  const res = await t.db.execute<{ day: string; dimension: 'team' | 'agent'; id: string | null; name: string | null; met: number; breached: number }>(sql`
    with o as (${outcomes(t, p.from.toISOString(), p.to.toISOString())})
    select to_char((o.decided_at at time zone ${p.timeZone})::date, 'YYYY-MM-DD') as day, 'team' as dimension, o.team_id as id, tm.name,
           (count(*) filter (where not o.missed))::int as met, (count(*) filter (where o.missed))::int as breached
      from o left join teams tm on tm.id = o.team_id and tm.workspace_id = ${t.workspaceId}
     group by 1, 3, 4
    union all
    select to_char((o.decided_at at time zone ${p.timeZone})::date, 'YYYY-MM-DD'), 'agent', o.assignee_id, u.name,
           (count(*) filter (where not o.missed))::int, (count(*) filter (where o.missed))::int
      from o left join users u on u.id = o.assignee_id
     group by 1, 3, 4
     order by 1, 2, 4`);
  return res.rows.map((r) => ({ ...r, name: r.name ?? (r.dimension === 'team' ? 'No team' : 'Unassigned') }));
}

/** Breaches in the period, newest first, each with its conversation (for the list and its CSV). */
export async function listSlaBreaches(t: Tenant, raw: MetricsPeriodInput, limit = 500): Promise<SlaBreach[]> {
  const p = metricsPeriodSchema.parse(raw);
  const res = await t.db.execute<Record<string, unknown>>(sql`
    select k.id as "clockId", k.conversation_id as "conversationId", coalesce(ct.name, ct.external_id) as "contactName", k.kind,
           tm.name as "teamName", u.name as "assigneeName", k.due_at as "dueAt", k.breached_at as "breachedAt"
      from sla_clocks k
      join conversations c on c.id = k.conversation_id and c.workspace_id = ${t.workspaceId}
      join contacts ct on ct.id = c.contact_id
      left join teams tm on tm.id = k.team_id
      left join users u on u.id = k.assignee_id
     where k.workspace_id = ${t.workspaceId} and k.breached_at >= ${p.from.toISOString()}::timestamptz and k.breached_at < ${p.to.toISOString()}::timestamptz
     order by k.breached_at desc, k.id
     limit ${Math.max(1, Math.min(limit, 5000))}`);
  return res.rows.map((r) => ({ ...(r as SlaBreach), dueAt: new Date(r.dueAt as string), breachedAt: new Date(r.breachedAt as string) }));
}
