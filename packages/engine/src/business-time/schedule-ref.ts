import { DateTime } from 'luxon';
import { z } from 'zod';
import { teamName, type Catalog } from '../catalog';
import { idSchema } from '../schema/primitives';
import { alwaysOpen, type Schedule } from './schedule-schema';

/** Which opening hours a step means: the workspace's default, or a team's (its own, else the workspace's). */
export const scheduleRefSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('workspace') }),
  z.object({ type: z.literal('team'), teamId: idSchema }),
]);
export type ScheduleRef = z.infer<typeof scheduleRefSchema>;

/** The time zone and opening hours of a workspace, as the engine sees them in a snapshot. */
export interface WorkspaceCalendar {
  /** The workspace's IANA zone: days, weekdays and times of day in conditions mean this zone's. */
  timeZone: string;
  /** The default schedule; null: none set, every minute is open. */
  workspace: Schedule | null;
  /** Teams that have their own schedule; the others use the workspace's. */
  teams: Record<string, Schedule>;
}

export function utcCalendar(): WorkspaceCalendar {
  return { timeZone: 'UTC', workspace: null, teams: {} };
}

export function resolveSchedule(calendar: WorkspaceCalendar, ref: ScheduleRef): Schedule {
  if (ref.type === 'team') {
    const own = calendar.teams[ref.teamId];
    if (own) return own;
  }
  return calendar.workspace ?? alwaysOpen(calendar.timeZone);
}

export function describeScheduleRef(ref: ScheduleRef, catalog?: Catalog): string {
  return ref.type === 'workspace' ? 'business hours' : `${teamName(catalog, ref.teamId)}'s hours`;
}

/** "Mon 6 Jan 09:00 (Europe/Berlin)": how run logs name an instant, in the zone it was computed in. */
export function formatInstant(t: number, zone: string): string {
  return `${DateTime.fromMillis(t, { zone }).toFormat('ccc d LLL yyyy HH:mm')} (${zone})`;
}
