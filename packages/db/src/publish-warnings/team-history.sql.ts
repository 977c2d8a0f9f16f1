import { sql } from 'drizzle-orm';
import type { Availability, MemberAvailabilityHistory } from '@baton/engine';
import type { Tenant } from '../tenancy/tenant';
import { memberCapacitySql } from '../capacity/member-capacity.sql';

/** At most this many availability changes are read for one warning pass (a flapping idle sweep cannot make it unbounded). */
const MAX_CHANGES = 20_000;

export type TeamFacts = {
  teamId: string;
  teamName: string;
  members: Array<{ userId: string; capacity: number | null } & MemberAvailabilityHistory>;
};

/**
 * The named teams of this workspace with their members' availability history over [from, to):
 * the state at `from` (the last change before it; with no change before it, the member's
 * current availability if nothing changed in the window, else offline) and the changes inside.
 * No locks; two round trips, each bounded.
 */
export async function loadTeamHistory(t: Tenant, teamIds: readonly string[], from: Date, to: Date): Promise<TeamFacts[]> {
  if (!teamIds.length) return [];
  const ids = `{${teamIds.join(',')}}`;
  const teams = await t.db.execute<{ team_id: string; team_name: string; capacity: number | null; user_id: string | null; initial: Availability | null; current: Availability | null }>(sql`
    select tm.id as team_id, tm.name as team_name, ${memberCapacitySql(sql`tm.workspace_id`, sql`m.user_id`)} as capacity,
           m.user_id, before.availability as initial, ms.availability as current
      from teams tm
      left join team_members m on m.workspace_id = tm.workspace_id and m.team_id = tm.id
      left join memberships ms on ms.workspace_id = tm.workspace_id and ms.user_id = m.user_id
      left join lateral (
        select c.availability from availability_changes c
         where c.workspace_id = tm.workspace_id and c.user_id = m.user_id and c.changed_at < ${from}
         order by c.changed_at desc limit 1) before on true
     where tm.workspace_id = ${t.workspaceId} and tm.id = any(${ids}::uuid[])`);
  const userIds = [...new Set(teams.rows.flatMap((r) => (r.user_id ? [r.user_id] : [])))];
  const changes = userIds.length
    ? await t.db.execute<{ user_id: string; availability: Availability; at: string }>(sql`
        select c.user_id, c.availability, (extract(epoch from c.changed_at) * 1000)::bigint as at
          from availability_changes c
         where c.workspace_id = ${t.workspaceId} and c.user_id = any(${`{${userIds.join(',')}}`}::uuid[])
           and c.changed_at >= ${from} and c.changed_at < ${to}
         order by c.changed_at, c.id
         limit ${MAX_CHANGES}`)
    : { rows: [] };
  const byUser = new Map<string, Array<{ at: number; availability: Availability }>>();
  for (const c of changes.rows) byUser.set(c.user_id, [...(byUser.get(c.user_id) ?? []), { at: Number(c.at), availability: c.availability }]);
  const out = new Map<string, TeamFacts>();
  for (const r of teams.rows) {
    const team = out.get(r.team_id) ?? { teamId: r.team_id, teamName: r.team_name, members: [] };
    out.set(r.team_id, team);
    if (!r.user_id) continue;
    const own = byUser.get(r.user_id) ?? [];
    team.members.push({ userId: r.user_id, capacity: r.capacity, initial: r.initial ?? (own.length ? 'offline' : (r.current ?? 'offline')), changes: own });
  }
  return [...out.values()];
}

/** Conversations opened in [from, to) per local hour of the zone ('YYYY-MM-DDTHH'): at most one row per hour of the window. */
export async function countOpeningsByLocalHour(t: Tenant, zone: string, from: Date, to: Date): Promise<Map<string, number>> {
  const res = await t.db.execute<{ k: string; n: number }>(sql`
    select to_char(c.opened_at at time zone ${zone}, 'YYYY-MM-DD"T"HH24') as k, count(*)::int as n
      from conversations c
     where c.workspace_id = ${t.workspaceId} and c.opened_at >= ${from} and c.opened_at < ${to}
     group by 1`);
  return new Map(res.rows.map((r) => [r.k, r.n]));
}

/**
 * Per team, the most of its conversations open at the same time in [from, to) and when (a sweep
 * over openings and closings; a conversation's team is its current one). Bounded by the window.
 */
export async function teamOpenPeaks(t: Tenant, teamIds: readonly string[], from: Date, to: Date): Promise<Map<string, { peak: number; at: Date | null }>> {
  if (!teamIds.length) return new Map();
  const res = await t.db.execute<{ team_id: string; peak: number; at: Date | null }>(sql`
    with spans as (
      select c.team_id, greatest(c.opened_at, ${from}::timestamptz) as s, least(coalesce(c.closed_at, ${to}::timestamptz), ${to}::timestamptz) as e
        from conversations c
       where c.workspace_id = ${t.workspaceId} and c.team_id = any(${`{${teamIds.join(',')}}`}::uuid[])
         and c.opened_at < ${to} and (c.closed_at is null or c.closed_at > ${from})),
    points as (
      select team_id, s as at, 1 as d from spans where e > s
      union all
      select team_id, e as at, -1 as d from spans where e > s),
    running as (
      select team_id, at, sum(d) over (partition by team_id order by at, d rows unbounded preceding) as open from points)
    select distinct on (team_id) team_id, open::int as peak, at
      from running order by team_id, open desc, at`);
  return new Map(res.rows.map((r) => [r.team_id, { peak: r.peak, at: r.at ? new Date(r.at) : null }]));
}
