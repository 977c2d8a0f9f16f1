import { civilIso, civilWeekday, type CivilDay, wallClockInstant } from './civil-day';
import { minutesOfDay, weekdays, type Holiday, type Schedule } from './schedule-schema';

export function holidayCovers(h: Holiday, isoDate: string): boolean {
  if (!h.yearly) return h.from <= isoDate && isoDate <= (h.to ?? h.from);
  const md = isoDate.slice(5);
  const from = h.from.slice(5);
  const to = (h.to ?? h.from).slice(5);
  // A yearly span may cross New Year (12-24 → 01-02).
  return from <= to ? from <= md && md <= to : md >= from || md <= to;
}

export function holidayOn(schedule: Schedule, day: CivilDay): Holiday | null {
  if (schedule.holidays.length === 0) return null;
  const iso = civilIso(day);
  return schedule.holidays.find((h) => holidayCovers(h, iso)) ?? null;
}

/**
 * The open intervals of one local day as [start, end) instants (ms), sorted. Empty on a
 * holiday. An interval swallowed by a DST gap (02:15–02:45 on a spring-forward night)
 * has no instants and is dropped; one spanning the fall-back hour lasts an hour longer.
 */
export function openIntervalsOn(schedule: Schedule, day: CivilDay): Array<[number, number]> {
  const hours = schedule.weekly[civilWeekday(day)];
  if (hours.length === 0 || holidayOn(schedule, day)) return [];
  const out: Array<[number, number]> = [];
  for (const iv of hours) {
    const start = wallClockInstant(schedule.timeZone, day, minutesOfDay(iv.start));
    const end = wallClockInstant(schedule.timeZone, day, minutesOfDay(iv.end));
    if (end > start) out.push([start, end]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

export function hasWeeklyHours(schedule: Schedule): boolean {
  return weekdays.some((d) => schedule.weekly[d].length > 0);
}
