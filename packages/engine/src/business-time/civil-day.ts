import { DateTime } from 'luxon';
import { weekdays, type Weekday } from './schedule-schema';

/**
 * A calendar day with no zone attached: days since 1970-01-01 (proleptic Gregorian). Day
 * arithmetic on plain integers is exact and cheap; only the step from a day and a wall-clock
 * time to an instant needs a zone, and that step is Luxon's (its DST rules, not ours).
 */
export type CivilDay = number;
const DAY_MS = 86_400_000;

export function civilDayOf(zone: string, t: number): CivilDay {
  const local = DateTime.fromMillis(t, { zone });
  return Date.UTC(local.year, local.month - 1, local.day) / DAY_MS;
}

export function civilWeekday(day: CivilDay): Weekday {
  // 1970-01-01 was a Thursday.
  return weekdays[(((day + 3) % 7) + 7) % 7]!;
}

export function civilIso(day: CivilDay): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

// Converting a wall time to an instant costs a few Intl look-ups; the same few days are
// asked for again and again (every conversation waiting over the same weekend), so the
// results are kept. Bounded: cleared when it grows past the limit.
const instants = new Map<string, number>();
const MAX_CACHED = 50_000;

/**
 * The instant of `minutes` after midnight of `day` in `zone` (1440: the next midnight). A wall
 * time that a spring-forward gap skips maps to the instant the gap ends: the wall times of an
 * interval that exist are then exactly those it covers, and the mapping never decreases, so
 * disjoint intervals of a day stay disjoint. (Luxon moves such a time past the gap by the gap's
 * length instead: 01:00–02:30 and 03:00–04:00 on a Berlin spring-forward night overlapped by half an
 * hour and were counted twice.) Of the two instants of a fall-back hour the first is taken.
 */
export function wallClockInstant(zone: string, day: CivilDay, minutes: number): number {
  if (minutes >= 1440) return wallClockInstant(zone, day + 1, minutes - 1440);
  const key = `${zone}|${day}|${minutes}`;
  const hit = instants.get(key);
  if (hit !== undefined) return hit;
  const d = new Date(day * DAY_MS);
  // Luxon resolves a wall time from a guessed offset: start from the offset in force just
  // before the day begins (14 h before its UTC midnight is before it in every zone), never
  // from today's, so the result does not depend on when it runs.
  let t = DateTime.fromMillis(day * DAY_MS - 14 * 3_600_000, { zone })
    .set({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 })
    .toMillis();
  const local = DateTime.fromMillis(t, { zone });
  // In a gap Luxon lands `gap` past the wall time asked for; the gap ends within that span.
  const gap = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute) - (day * DAY_MS + minutes * 60_000);
  if (gap > 0) t = gapEnd(zone, t - gap, t);
  if (instants.size >= MAX_CACHED) instants.clear();
  instants.set(key, t);
  return t;
}

/** The first instant in (lo, hi] with the offset in force at hi: where a spring-forward gap ends. */
function gapEnd(zone: string, lo: number, hi: number): number {
  const after = DateTime.fromMillis(hi, { zone }).offset;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (DateTime.fromMillis(mid, { zone }).offset === after) hi = mid;
    else lo = mid;
  }
  return hi;
}
