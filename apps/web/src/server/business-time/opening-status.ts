import 'server-only';
import { DateTime } from 'luxon';
import { isOpenAt, nextCloseAt, nextOpenAt, resolveSchedule, type WorkspaceCalendar } from '@baton/engine';

export type OpeningStatus = { open: boolean; text: string };

function when(t: number, zone: string, now: number): string {
  const dt = DateTime.fromMillis(t, { zone });
  const sameDay = dt.hasSame(DateTime.fromMillis(now, { zone }), 'day');
  return `${sameDay ? dt.toFormat('HH:mm') : dt.toFormat('ccc d LLL HH:mm')} ${dt.toFormat('ZZZZ')}`;
}

/**
 * "Open now · closes 17:00 CET" / "Closed · opens Mon 13 Jan 09:00 CET" for a team, shown in
 * the viewer's display zone. Only for display: the engine decides with the database clock.
 */
export function teamOpeningStatus(calendar: WorkspaceCalendar, teamId: string, now: number, displayZone: string): OpeningStatus {
  if (!calendar.workspace && !calendar.teams[teamId]) return { open: true, text: 'Always open' };
  const schedule = resolveSchedule(calendar, { type: 'team', teamId });
  if (isOpenAt(schedule, now)) {
    const closes = nextCloseAt(schedule, now);
    return { open: true, text: closes === null ? 'Open now' : `Open now · closes ${when(closes, displayZone, now)}` };
  }
  const opens = nextOpenAt(schedule, now);
  return { open: false, text: opens === null ? 'Closed (no opening hours ahead)' : `Closed · opens ${when(opens, displayZone, now)}` };
}
