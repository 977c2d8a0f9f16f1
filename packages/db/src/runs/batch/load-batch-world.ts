import { sql, type SQL } from 'drizzle-orm';
import type { Snapshot, WorkspaceCalendar } from '@baton/engine';
import { contacts, memberships, teams, users } from '../../schema';
import { keyOf } from '../../sql/json-recordset';
import { memberCapacitySql } from '../../capacity/member-capacity.sql';
import { calendarColumns, calendarsFromColumns, type CalendarColumns } from '../../schedules/workspace-calendar';

export type WorkspaceMember = {
  id: string;
  name: string;
  availability: Snapshot['users'][string]['availability'];
  skills: string[];
  /** Capacity per agent (member-capacity.sql.ts); null: unlimited. */
  capacity: number | null;
};

/** What the engine reads besides the conversation, for every workspace in a batch. */
export type BatchWorld = {
  /** Database clock, ms (never the worker's clock). */
  now: number;
  /** Members per workspace in joining order (the rotation order of a workspace pool). */
  members: Map<string, WorkspaceMember[]>;
  teams: Map<string, Snapshot['teams']>;
  /** Keyed by keyOf(workspace, contact). */
  contacts: Map<string, Snapshot['contact']>;
  /** Zone and schedules per workspace. */
  calendars: Map<string, WorkspaceCalendar>;
};

export type WorldColumns = CalendarColumns & {
  members: Array<WorkspaceMember & { w: string }>;
  teams: Array<{ w: string; id: string; name: string }>;
  contacts: Array<Snapshot['contact'] & { w: string }>;
};

/**
 * The select-list columns `members`, `teams` and `contacts` (JSON) of a batch's world, for
 * the workspaces `workspaceIds` (a uuid set expression) and the contacts `contactPairs`
 * (a `(workspace, contact)` row set expression) — so a caller can read them in the same
 * statement as other things.
 */
export function worldColumns(workspaceIds: SQL, contactPairs: SQL): SQL {
  return sql`
      (select coalesce(json_agg(json_build_object('w', m.workspace_id, 'id', u.id, 'name', u.name, 'availability', m.availability, 'skills', m.skills,
                                                 'capacity', ${memberCapacitySql(sql`m.workspace_id`, sql`m.user_id`)})
                                order by m.created_at, m.user_id), '[]')
         from ${memberships} m join ${users} u on u.id = m.user_id
        where m.workspace_id in (${workspaceIds})) as members,
      (select coalesce(json_agg(json_build_object('w', t.workspace_id, 'id', t.id, 'name', t.name)), '[]')
         from ${teams} t where t.workspace_id in (${workspaceIds})) as teams,
      (select coalesce(json_agg(json_build_object('w', c.workspace_id, 'id', c.id, 'name', c.name, 'fields', c.fields, 'tags', c.tags)), '[]')
         from ${contacts} c
        where (c.workspace_id, c.id) in (${contactPairs})) as contacts,
      ${calendarColumns(workspaceIds)}`;
}

export function worldFromColumns(
  now: number,
  workspaceIds: readonly string[],
  row: WorldColumns,
): BatchWorld {
  const ids = [...new Set(workspaceIds)];
  const members = new Map<string, WorkspaceMember[]>(ids.map((id) => [id, []]));
  for (const { w, ...m } of row.members) members.get(w)?.push(m);
  const teamMap = new Map<string, Snapshot['teams']>(ids.map((id) => [id, {}]));
  for (const { w, ...t } of row.teams) teamMap.get(w)![t.id] = t;
  return {
    now,
    members,
    teams: teamMap,
    contacts: new Map(row.contacts.map(({ w, ...c }) => [keyOf(w, c.id), c])),
    calendars: calendarsFromColumns(ids, row),
  };
}
