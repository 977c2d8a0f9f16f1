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

const INSTANT_FORMAT = 'ccc d LLL yyyy HH:mm';
// English whatever the machine's locale: the words are stored in run logs, and read back below.
const INSTANT_LOCALE = 'en-US';
const INSTANT_IN_TEXT = /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2} \(([A-Za-z0-9_+\-/]+)\)/g;

/** "Mon 6 Jan 2026 09:00 (Europe/Berlin)": how run logs name an instant, in the zone it was computed in. */
export function formatInstant(t: number, zone: string): string {
  return `${DateTime.fromMillis(t, { zone, locale: INSTANT_LOCALE }).toFormat(INSTANT_FORMAT)} (${zone})`;
}

/**
 * A run log's text cut at the instants formatInstant wrote, each given back as epoch ms, so a page
 * can show them as it shows every other time: in the viewer's zone and format (issue #21, one format
 * in a run trace). `known`: instants the decision also stores (a wait's `until`); one that formats
 * to the same words is returned exactly, which also settles the hour a clock change repeats.
 */
export function splitInstants(text: string, known: readonly number[] = []): (string | number)[] {
  const parts: (string | number)[] = [];
  let last = 0;
  for (const m of text.matchAll(INSTANT_IN_TEXT)) {
    const zone = m[1]!;
    const exact = known.find((t) => formatInstant(t, zone) === m[0]);
    const parsed = exact ?? DateTime.fromFormat(m[0].slice(0, m[0].length - zone.length - 3), INSTANT_FORMAT, { zone, locale: INSTANT_LOCALE });
    const ms = typeof parsed === 'number' ? parsed : parsed.isValid ? parsed.toMillis() : null;
    if (ms === null) continue;
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push(ms);
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
