import { sql } from 'drizzle-orm';
import type { Tenant } from '../tenancy/tenant';
import { metricsPeriodSchema, type MetricsPeriodInput } from './metrics-period';

export type AgentMetrics = {
  userId: string;
  name: string;
  role: string;
  availability: string;
  /** Open conversations assigned to them now (not over the period: load is a present fact). */
  openNow: number;
  /** Conversations handed to them in the period (assigned or reassigned to them). */
  assignments: number;
  /** Conversations taken away from them by a reassignment in the period. */
  reassignedAway: number;
  /** Conversations given to them by a reassignment in the period. */
  reassignedTo: number;
  /** Hours they were online within the period (from the availability log). */
  onlineHours: number;
  /** Assignments per online hour; null when they were never online in the period. */
  assignmentsPerOnlineHour: number | null;
};

/**
 * Per-member load and reassignments. Every member is listed, also those with nothing in the
 * period, so "Bob had no assignments" is visible rather than absent.
 */
export async function getAgentMetrics(t: Tenant, raw: MetricsPeriodInput): Promise<AgentMetrics[]> {
  const p = metricsPeriodSchema.parse(raw);
  const from = p.from.toISOString();
  const to = p.to.toISOString();
  const res = await t.db.execute<Record<string, unknown>>(sql`
    with ev as (
      select type, from_user_id, to_user_id from conversation_events
      where workspace_id = ${t.workspaceId} and type in ('assigned', 'reassigned')
        and created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz
    ),
    -- Each logged availability lasts until the next change (or now); clip it to the period.
    spans as (
      select user_id, availability, changed_at,
             coalesce(lead(changed_at) over (partition by user_id order by changed_at, id), now()) as until
      from availability_changes
      where workspace_id = ${t.workspaceId} and changed_at < ${to}::timestamptz
    ),
    online as (
      select user_id,
             sum(greatest(0, extract(epoch from least(until, ${to}::timestamptz) - greatest(changed_at, ${from}::timestamptz)))) as seconds
      from spans where availability = 'online'
      group by user_id
    ),
    open_now as (
      select assignee_id, count(*)::int as n from conversations
      where workspace_id = ${t.workspaceId} and status = 'open' and assignee_id is not null
      group by assignee_id
    )
    select m.user_id, u.name, m.role, m.availability,
           coalesce(o.n, 0) as open_now,
           (select count(*) from ev where ev.to_user_id = m.user_id)::int as assignments,
           (select count(*) from ev where ev.type = 'reassigned' and ev.from_user_id = m.user_id)::int as reassigned_away,
           (select count(*) from ev where ev.type = 'reassigned' and ev.to_user_id = m.user_id)::int as reassigned_to,
           coalesce(ol.seconds, 0)::float8 as online_seconds
    from memberships m
    join users u on u.id = m.user_id
    left join open_now o on o.assignee_id = m.user_id
    left join online ol on ol.user_id = m.user_id
    where m.workspace_id = ${t.workspaceId}
    order by u.name, m.user_id`);
  return res.rows.map((r) => {
    const onlineHours = Number(r.online_seconds) / 3600;
    const assignments = Number(r.assignments);
    return {
      userId: String(r.user_id),
      name: String(r.name),
      role: String(r.role),
      availability: String(r.availability),
      openNow: Number(r.open_now),
      reassignedAway: Number(r.reassigned_away),
      reassignedTo: Number(r.reassigned_to),
      onlineHours: Math.round(onlineHours * 100) / 100,
      assignmentsPerOnlineHour:
        onlineHours > 0 ? Math.round((assignments / onlineHours) * 100) / 100 : null,
      assignments,
    };
  });
}
