import { sql, type SQL } from 'drizzle-orm';
import type { Holiday, WeeklyHours, WorkspaceCalendar } from '@baton/engine';
import { schedules, workspaces } from '../schema';

export type CalendarColumns = {
  zones: Array<{ w: string; timeZone: string }>;
  schedules: Array<{ w: string; teamId: string | null; timeZone: string | null; weekly: WeeklyHours; holidays: Holiday[] }>;
};

/**
 * The select-list columns `zones` and `schedules` (JSON) for the workspaces `workspaceIds`
 * (a uuid set expression): read in the batch's one statement with the rest of its world.
 */
export function calendarColumns(workspaceIds: SQL): SQL {
  return sql`
      (select coalesce(json_agg(json_build_object('w', ws.id, 'timeZone', ws.time_zone)), '[]')
         from ${workspaces} ws where ws.id in (${workspaceIds})) as zones,
      (select coalesce(json_agg(json_build_object('w', s.workspace_id, 'teamId', s.team_id, 'timeZone', s.time_zone, 'weekly', s.weekly, 'holidays', s.holidays)), '[]')
         from ${schedules} s where s.workspace_id in (${workspaceIds})) as schedules`;
}

/** Calendars per workspace; a schedule without its own zone takes its workspace's. */
export function calendarsFromColumns(workspaceIds: readonly string[], row: CalendarColumns): Map<string, WorkspaceCalendar> {
  const out = new Map<string, WorkspaceCalendar>();
  for (const id of new Set(workspaceIds)) out.set(id, { timeZone: 'UTC', workspace: null, teams: {} });
  for (const z of row.zones) {
    const c = out.get(z.w);
    if (c) c.timeZone = z.timeZone;
  }
  for (const s of row.schedules) {
    const c = out.get(s.w);
    if (!c) continue;
    const schedule = { timeZone: s.timeZone ?? c.timeZone, weekly: s.weekly, holidays: s.holidays };
    if (s.teamId) c.teams[s.teamId] = schedule;
    else c.workspace = schedule;
  }
  return out;
}
