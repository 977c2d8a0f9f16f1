// Reads a workspace's recorded period for a simulation: no locks, plain snapshots; each page is one statement (openings with contacts, then their replies and handlers) instead of a query per conversation.
import { sql } from 'drizzle-orm';
import type { Availability, SimAvailabilityChange, SimMember, SimOpening, SimTeam, SimulationInput } from '@baton/engine';
import { conversationEvents, conversations, contacts, memberships, messages, teamMembers, teams, users, availabilityChanges } from '../schema';
import { memberCapacitySql } from '../capacity/member-capacity.sql';
import { loadWorkspaceCalendar } from '../schedules/load-workspace-calendar.sql';
import { listSlaPolicies } from '../sla/manage-sla-policies';
import type { Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { SIMULATION_MAX_CONVERSATIONS } from './simulation-request';

export type RecordedPeriod = Omit<SimulationInput, 'workflow' | 'seed' | 'versions' | 'sampleSize'>;

export interface LoadRecordedPeriodOptions {
  /** Rows per page of openings and availability changes (default 2000). */
  pageSize?: number;
  maxConversations?: number;
  /** Called after each page (the worker checks for a cancel there). */
  onPage?: (openingsLoaded: number) => Promise<void>;
}

type OpeningRow = {
  id: string;
  opened_at: Date;
  at_key: string;
  closed_at: Date | null;
  opened_by: SimOpening['source'];
  channel_id: string;
  priority: SimOpening['priority'];
  contact_id: string;
  contact_name: string | null;
  fields: Record<string, string>;
  tags: string[];
};
type ReplyRow = { conversation_id: string; user_id: string; at: Date; got_at: Date | null };

/**
 * What a replay of [from, to) needs from a workspace's records, read in bounded pages
 * (keyset on (opened_at, id) and (changed_at, id)): the openings with their contact's
 * attributes, each member's first reply per conversation and how long after they got it
 * (assignment events), the availability timeline (and each member's state at `from`),
 * members in joining order with capacity and skills, teams with members in joining order,
 * the open conversations members held at `from`, SLA policies and the calendar.
 */
export async function loadRecordedPeriod(t: Tenant, period: { from: Date; to: Date }, opts: LoadRecordedPeriodOptions = {}): Promise<RecordedPeriod> {
  const pageSize = opts.pageSize ?? 2000;
  const max = opts.maxConversations ?? SIMULATION_MAX_CONVERSATIONS;
  const ws = t.workspaceId;
  const { from, to } = period;

  const memberRows = await t.db.execute<{ id: string; name: string; availability: Availability; changed_at: Date; skills: string[]; capacity: number | null; at_from: Availability | null }>(sql`
    select u.id, u.name, m.availability, m.availability_changed_at as changed_at, m.skills,
           ${memberCapacitySql(sql`m.workspace_id`, sql`m.user_id`)} as capacity,
           (select ac.availability from ${availabilityChanges} ac
             where ac.workspace_id = m.workspace_id and ac.user_id = m.user_id and ac.changed_at <= ${from}
             order by ac.changed_at desc, ac.id desc limit 1) as at_from
      from ${memberships} m join ${users} u on u.id = m.user_id
     where m.workspace_id = ${ws}
     order by m.created_at, m.user_id`);
  const members: SimMember[] = memberRows.rows.map((r) => ({
    id: r.id,
    name: r.name,
    // No change recorded before the period: the membership's state if it dates from before, else offline.
    availability: r.at_from ?? (new Date(r.changed_at) <= from ? r.availability : 'offline'),
    skills: r.skills ?? [],
    capacity: r.capacity === null ? null : Number(r.capacity),
  }));

  const teamRows = await t.db.execute<{ id: string; name: string; member_ids: string[] | null }>(sql`
    select t.id, t.name,
           (select array_agg(tm.user_id order by tm.created_at, tm.user_id) from ${teamMembers} tm
             where tm.workspace_id = t.workspace_id and tm.team_id = t.id) as member_ids
      from ${teams} t where t.workspace_id = ${ws} order by t.name, t.id`);
  const teamList: SimTeam[] = teamRows.rows.map((r) => ({ id: r.id, name: r.name, memberIds: r.member_ids ?? [] }));

  const availability: SimAvailabilityChange[] = [];
  // Keyset cursors carry the timestamp as Postgres text: a JS Date would drop its microseconds
  // and the next page would start with the last row again.
  for (let after: { at: string; id: string } | null = null; ; ) {
    const page: { rows: Array<{ id: string; user_id: string; availability: Availability; changed_at: Date; at_key: string }> } = await t.db.execute(sql`
      select id, user_id, availability, changed_at, changed_at::text as at_key from ${availabilityChanges}
       where workspace_id = ${ws} and changed_at > ${from} and changed_at < ${to}
         ${after ? sql`and (changed_at, id) > (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
       order by changed_at, id limit ${pageSize}`);
    for (const r of page.rows) availability.push({ at: new Date(r.changed_at).getTime(), userId: r.user_id, availability: r.availability });
    if (page.rows.length < pageSize) break;
    const last = page.rows.at(-1)!;
    after = { at: last.at_key, id: last.id };
  }

  const openings: SimOpening[] = [];
  for (let after: { at: string; id: string } | null = null; ; ) {
    const page: { rows: OpeningRow[] } = await t.db.execute(sql`
      select c.id, c.opened_at, c.opened_at::text as at_key, c.closed_at, c.opened_by, c.channel_id, c.priority,
             ct.id as contact_id, ct.name as contact_name, ct.fields, ct.tags
        from ${conversations} c join ${contacts} ct on ct.id = c.contact_id and ct.workspace_id = c.workspace_id
       where c.workspace_id = ${ws} and c.opened_at >= ${from} and c.opened_at < ${to}
         ${after ? sql`and (c.opened_at, c.id) > (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
       order by c.opened_at, c.id limit ${pageSize}`);
    if (openings.length + page.rows.length > max)
      throw new DomainError('invalid', `The period has more than ${max} conversations: choose a shorter one`, { field: 'from' });
    const ids = page.rows.map((r) => r.id);
    const [replies, handlers] = ids.length ? await Promise.all([repliesOf(t, ids), handlersOf(t, ids)]) : [new Map<string, ReplyRow[]>(), new Map<string, string[]>()];
    for (const r of page.rows) {
      const openedAt = new Date(r.opened_at).getTime();
      openings.push({
        conversationId: r.id,
        openedAt,
        closedAt: r.closed_at ? new Date(r.closed_at).getTime() : null,
        source: r.opened_by,
        channelId: r.channel_id,
        priority: r.priority,
        contact: { id: r.contact_id, name: r.contact_name, fields: r.fields ?? {}, tags: r.tags ?? [] },
        replies: (replies.get(r.id) ?? []).map((x) => {
          const at = new Date(x.at).getTime();
          return { userId: x.user_id, at, delayMs: Math.max(0, at - (x.got_at ? new Date(x.got_at).getTime() : openedAt)) };
        }),
        handlers: handlers.get(r.id) ?? [],
      });
    }
    await opts.onPage?.(openings.length);
    if (page.rows.length < pageSize) break;
    const last = page.rows.at(-1)!;
    after = { at: last.at_key, id: last.id };
  }

  // Held at the start of the period: opened before it, still open then, by their current assignee
  // (the assignee at `from` is not recorded apart from events; the current one is the estimate).
  const heldRows = await t.db.execute<{ user_id: string; n: number }>(sql`
    select assignee_id as user_id, count(*)::int as n from ${conversations}
     where workspace_id = ${ws} and assignee_id is not null and opened_at < ${from} and (closed_at is null or closed_at > ${from})
     group by assignee_id`);

  const [calendar, slaPolicies] = await Promise.all([loadWorkspaceCalendar(t), listSlaPolicies(t)]);
  return {
    period: { from: from.getTime(), to: to.getTime() },
    calendar,
    members,
    teams: teamList,
    availability,
    openings,
    initialOpenCounts: Object.fromEntries(heldRows.rows.map((r) => [r.user_id, Number(r.n)])),
    slaPolicies,
  };
}

/** First reply per member in each conversation, with when they last got it before replying. */
async function repliesOf(t: Tenant, conversationIds: readonly string[]): Promise<Map<string, ReplyRow[]>> {
  const res = await t.db.execute<ReplyRow>(sql`
    select r.conversation_id, r.user_id, r.at,
           (select max(e.created_at) from ${conversationEvents} e
             where e.workspace_id = ${t.workspaceId} and e.conversation_id = r.conversation_id and e.to_user_id = r.user_id
               and e.type in ('assigned', 'reassigned') and e.created_at <= r.at) as got_at
      from (select m.conversation_id, m.author_user_id as user_id, min(m.created_at) as at
              from ${messages} m
             where m.workspace_id = ${t.workspaceId} and m.conversation_id = any(${`{${conversationIds.join(',')}}`}::uuid[])
               and m.direction = 'outgoing' and not m.automated and m.author_user_id is not null
             group by m.conversation_id, m.author_user_id) r
     order by r.conversation_id, r.at, r.user_id`);
  const out = new Map<string, ReplyRow[]>();
  for (const row of res.rows) out.set(row.conversation_id, [...(out.get(row.conversation_id) ?? []), row]);
  return out;
}

/** Members each conversation was actually assigned to (by anyone), in the order they first got it. */
async function handlersOf(t: Tenant, conversationIds: readonly string[]): Promise<Map<string, string[]>> {
  const res = await t.db.execute<{ conversation_id: string; user_ids: string[] }>(sql`
    select e.conversation_id, array_agg(e.to_user_id order by e.first_at, e.to_user_id) as user_ids
      from (select conversation_id, to_user_id, min(created_at) as first_at from ${conversationEvents}
             where workspace_id = ${t.workspaceId} and conversation_id = any(${`{${conversationIds.join(',')}}`}::uuid[])
               and type in ('assigned', 'reassigned') and to_user_id is not null
             group by conversation_id, to_user_id) e
     group by e.conversation_id`);
  return new Map(res.rows.map((r) => [r.conversation_id, r.user_ids]));
}
