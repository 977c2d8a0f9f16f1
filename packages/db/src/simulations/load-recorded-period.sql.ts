// Reads a workspace's recorded period for a simulation: no locks, plain snapshots; the period's conversation ids with their replies in one statement, then pages of openings by those ids (each one statement with contacts, one for handlers) instead of a query per conversation.
import { sql } from 'drizzle-orm';
import type { Availability, SimAvailabilityChange, SimMember, SimOpening, SimReply, SimReplyDelays, SimTeam, SimulationInput, SimulationSetting } from '@baton/engine';
import { conversationEvents, conversations, contacts, memberships, messages, teamMembers, teams, users, availabilityChanges } from '../schema';
import { memberCapacitySql } from '../capacity/member-capacity.sql';
import { loadWorkspaceCalendar } from '../schedules/load-workspace-calendar.sql';
import { listSlaPolicies } from '../sla/manage-sla-policies';
import type { Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { SIMULATION_MAX_CONVERSATIONS } from './simulation-request';

export type RecordedPeriod = Omit<SimulationInput, 'workflow' | 'seed' | 'versions' | 'sampleSize'>;
/** A period before its openings: what a replay needs first (simulation-input.ts `SimulationSetting`). */
export type RecordedSetting = Omit<SimulationSetting, 'workflow' | 'seed' | 'versions' | 'sampleSize'>;

export interface LoadRecordedPeriodOptions {
  /** Openings per page (default 2000). */
  pageSize?: number;
  maxConversations?: number;
  /** Called after each page (the worker checks for a cancel there). */
  onPage?: (openingsLoaded: number) => Promise<void>;
}

export interface StreamRecordedPeriodOptions extends LoadRecordedPeriodOptions {
  /** Everything but the openings, before the first page. */
  onSetting: (setting: RecordedSetting) => void | Promise<void>;
  /** Each page of openings, in opening order (keyset (opened_at, id)). */
  onOpenings: (openings: SimOpening[]) => void | Promise<void>;
}

type OpeningRow = {
  id: string;
  opened_at: number;
  closed_at: number | null;
  opened_by: SimOpening['source'];
  channel_id: string;
  priority: SimOpening['priority'];
  contact_id: string;
  contact_name: string | null;
  fields: Record<string, string>;
  tags: string[];
};
/** [user id, first reply at (ms), when they last got the conversation before it (ms) or null], by reply time. */
type ReplyTuple = [string, number, number | null];

// Milliseconds since the epoch, truncated as a JS Date of the timestamp would be: a float is
// read much faster than a timestamp's text.
const ms = (column: ReturnType<typeof sql>) => sql`floor(extract(epoch from ${column}) * 1000)::float8`;

/** Reads a whole recorded period at once (tests, bench): `streamRecordedPeriod` collected. */
export async function loadRecordedPeriod(t: Tenant, period: { from: Date; to: Date }, opts: LoadRecordedPeriodOptions = {}): Promise<RecordedPeriod> {
  let setting: RecordedSetting | null = null;
  const openings: SimOpening[] = [];
  await streamRecordedPeriod(t, period, {
    ...opts,
    onSetting: (s) => void (setting = s),
    onOpenings: (page) => void openings.push(...page),
  });
  const { conversationIds: _ids, replyDelays: _delays, ...rest } = setting!;
  return { ...rest, openings };
}

/**
 * What a replay of [from, to) needs from a workspace's records, read so that the replay can
 * start before the last page: first the setting — members in joining order with capacity and
 * skills (and each one's state at `from`), teams with members in joining order, the
 * availability timeline (pages on (changed_at, id)), the open conversations members held at
 * `from`, SLA policies, the calendar, and from one statement every conversation id of the
 * period with each member's first reply and how long after they got it (assignment events):
 * the reply model draws from all of those delays before the first opening is replayed. Then
 * the openings in pages of those ids, in opening order, with their contact's attributes and
 * the members each was actually assigned to.
 */
export async function streamRecordedPeriod(t: Tenant, period: { from: Date; to: Date }, opts: StreamRecordedPeriodOptions): Promise<void> {
  const pageSize = opts.pageSize ?? 2000;
  const max = opts.maxConversations ?? SIMULATION_MAX_CONVERSATIONS;
  const { from, to } = period;
  const [head, { ids, replies, keys }] = await Promise.all([periodHead(t, period, pageSize), conversationsWithReplies(t, period, max, pageSize)]);
  const replyDelays: SimReplyDelays = {};
  for (const list of replies.values()) for (const r of list) (replyDelays[r.userId] ??= []).push(r.delayMs);
  await opts.onSetting({ ...head, period: { from: from.getTime(), to: to.getTime() }, conversationIds: ids, replyDelays });

  const fetchPage = (start: number) => {
    const pageIds = ids.slice(start, start + pageSize);
    return Promise.all([openingRows(t, pageIds, keys.get(start)!, keys.get(start + pageIds.length - 1)!), handlersOf(t, pageIds)]);
  };
  // The next page is read while this one is handed on.
  let next = ids.length > 0 ? fetchPage(0) : null;
  try {
    for (let start = 0; next; start += pageSize) {
      const [rows, handlers] = await next;
      next = start + pageSize < ids.length ? fetchPage(start + pageSize) : null;
      if (rows.length !== Math.min(pageSize, ids.length - start)) throw new DomainError('conflict', 'Conversations of the period were deleted while it was read: try again');
      await opts.onOpenings(
        rows.map((r) => ({
          conversationId: r.id,
          openedAt: r.opened_at,
          closedAt: r.closed_at,
          source: r.opened_by,
          channelId: r.channel_id,
          priority: r.priority,
          contact: { id: r.contact_id, name: r.contact_name, fields: r.fields ?? {}, tags: r.tags ?? [] },
          replies: replies.get(r.id) ?? [],
          handlers: handlers.get(r.id) ?? [],
        })),
      );
      await opts.onPage?.(start + rows.length);
    }
  } finally {
    // Stopped early (a cancel, a failed replay): the page being read is not waited for.
    next?.catch(() => {});
  }
}

/** Members, teams, availability, what members held at `from`, calendar, SLA policies. */
async function periodHead(t: Tenant, period: { from: Date; to: Date }, pageSize: number) {
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

  // Held at the start of the period: opened before it, still open then, by their current assignee
  // (the assignee at `from` is not recorded apart from events; the current one is the estimate).
  const heldRows = await t.db.execute<{ user_id: string; n: number }>(sql`
    select assignee_id as user_id, count(*)::int as n from ${conversations}
     where workspace_id = ${ws} and assignee_id is not null and opened_at < ${from} and (closed_at is null or closed_at > ${from})
     group by assignee_id`);

  const [calendar, slaPolicies] = await Promise.all([loadWorkspaceCalendar(t), listSlaPolicies(t)]);
  return {
    calendar,
    members,
    teams: teamList,
    availability,
    initialOpenCounts: Object.fromEntries(heldRows.rows.map((r) => [r.user_id, Number(r.n)])),
    slaPolicies,
  };
}

/**
 * Every conversation opened in the period, in opening order, with each member's first reply
 * and when they last got the conversation before it — one statement, so the ids and the
 * replies (the reply model's delays) are one snapshot. Refuses more than `max`.
 */
async function conversationsWithReplies(
  t: Tenant,
  period: { from: Date; to: Date },
  max: number,
  pageSize: number,
): Promise<{ ids: string[]; replies: Map<string, SimReply[]>; keys: Map<number, OpeningKey> }> {
  const ws = t.workspaceId;
  const res = await t.db.execute<{ id: string; opened_at: number; replies: ReplyTuple[] | null; at_key: string | null }>(sql`
    with period as (
      select id, opened_at from ${conversations}
       where workspace_id = ${ws} and opened_at >= ${period.from} and opened_at < ${period.to}
       order by opened_at, id limit ${max + 1}
    ), first_replies as (
      select m.conversation_id, m.author_user_id as user_id, min(m.created_at) as at
        from ${messages} m join period p on p.id = m.conversation_id
       where m.workspace_id = ${ws} and m.direction = 'outgoing' and not m.automated and m.author_user_id is not null
       group by m.conversation_id, m.author_user_id
    ), replies as (
      select r.conversation_id,
             json_agg(json_build_array(r.user_id, ${ms(sql`r.at`)},
               (select ${ms(sql`max(e.created_at)`)} from ${conversationEvents} e
                 where e.workspace_id = ${ws} and e.conversation_id = r.conversation_id and e.to_user_id = r.user_id
                   and e.type in ('assigned', 'reassigned') and e.created_at <= r.at))
               order by r.at, r.user_id) as replies
        from first_replies r group by r.conversation_id
    )
    select p.id, ${ms(sql`p.opened_at`)} as opened_at, r.replies,
           -- The ends of each page (and the period's last): where its range of openings starts and stops.
           case when (row_number() over w - 1) % ${pageSize} in (0, ${pageSize - 1}) or row_number() over w = count(*) over () then p.opened_at::text end as at_key
      from period p left join replies r on r.conversation_id = p.id
    window w as (order by p.opened_at, p.id)
     order by p.opened_at, p.id`);
  if (res.rows.length > max) throw new DomainError('invalid', `The period has more than ${max} conversations: choose a shorter one`, { field: 'from' });
  const ids: string[] = [];
  const replies = new Map<string, SimReply[]>();
  const keys = new Map<number, OpeningKey>();
  for (const row of res.rows) {
    if (row.at_key !== null) keys.set(ids.length, { at: row.at_key, id: row.id });
    ids.push(row.id);
    if (!row.replies) continue;
    const openedAt = Number(row.opened_at);
    replies.set(
      row.id,
      row.replies.map(([userId, at, gotAt]) => ({ userId, at, delayMs: Math.max(0, at - (gotAt ?? openedAt)) })),
    );
  }
  return { ids, replies, keys };
}

/** A conversation's place in opening order: its opening as Postgres text (microseconds kept) and id. */
type OpeningKey = { at: string; id: string };

/**
 * The openings of `ids` (consecutive in opening order, `first` and `last` their ends) with
 * their contact's attributes, in opening order: one range of the (workspace, opened_at, id)
 * index, and each contact looked up by its key (a lateral subquery, so the planner cannot
 * hash-join the workspace's whole contacts table instead, as it did for every page). On the
 * bench's 100k openings a page took 8–26 ms this way against 18–37 ms by the page's 2,000 ids
 * with a join (2026-12-03, loaded machine). Openings at the ends' instants that belong to the
 * neighbouring pages are left out; a range that holds anything else (a conversation opened
 * into the period since its ids were read) is read again by the ids.
 */
async function openingRows(t: Tenant, ids: readonly string[], first: OpeningKey, last: OpeningKey): Promise<OpeningRow[]> {
  const select = sql`
    select c.id, ${ms(sql`c.opened_at`)} as opened_at, ${ms(sql`c.closed_at`)} as closed_at, c.opened_by, c.channel_id, c.priority,
           ct.id as contact_id, ct.name as contact_name, ct.fields, ct.tags
      from ${conversations} c
      join lateral (select ct.id, ct.name, ct.fields, ct.tags from ${contacts} ct
                     where ct.id = c.contact_id and ct.workspace_id = c.workspace_id limit 1) ct on true
     where c.workspace_id = ${t.workspaceId}`;
  const range = await t.db.execute<OpeningRow>(sql`${select}
       and c.opened_at >= ${first.at}::timestamptz and c.opened_at <= ${last.at}::timestamptz
     order by c.opened_at, c.id`);
  let rows = range.rows;
  if (rows.length > ids.length) {
    const wanted = new Set(ids);
    rows = rows.filter((r) => wanted.has(r.id));
  }
  if (rows.length === ids.length && rows.every((r, k) => r.id === ids[k])) return rows;
  const byIds = await t.db.execute<OpeningRow>(sql`${select} and c.id = any(${`{${ids.join(',')}}`}::uuid[])
     order by c.opened_at, c.id`);
  return byIds.rows;
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
