import { DateTime } from 'luxon';
import { civilDayOf } from './civil-day';
import { hasWeeklyHours, openIntervalsOn } from './open-intervals';
import type { Schedule } from './schedule-schema';

/**
 * How far the arithmetic looks for open time: a little over a year of days. A schedule whose hours
 * are all removed by holidays for that long counts as never open (the caller decides what
 * that means) rather than looping.
 */
export const MAX_SEARCH_DAYS = 400;

type Interval = [number, number];

/** Open intervals from the local day of `t` onwards (forward) or backwards, lazily. */
function* intervalsFrom(schedule: Schedule, t: number, direction: 1 | -1): Generator<Interval> {
  if (!hasWeeklyHours(schedule)) return;
  const first = civilDayOf(schedule.timeZone, t);
  for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
    const intervals = openIntervalsOn(schedule, first + i * direction);
    yield* direction === 1 ? intervals : intervals.reverse();
  }
}

export function isOpenAt(schedule: Schedule, t: number): boolean {
  return openIntervalsOn(schedule, civilDayOf(schedule.timeZone, t)).some(([s, e]) => s <= t && t < e);
}

/** The first instant ≥ t that is open (t itself when open); null when it never opens. */
export function nextOpenAt(schedule: Schedule, t: number): number | null {
  for (const [s, e] of intervalsFrom(schedule, t, 1)) if (e > t) return Math.max(s, t);
  return null;
}

/**
 * When the open stretch containing `t` ends (intervals that touch, e.g. 22:00–24:00 and
 * 00:00–06:00, are one stretch); null when closed at t or open for the whole search window.
 */
export function nextCloseAt(schedule: Schedule, t: number): number | null {
  if (!isOpenAt(schedule, t)) return null;
  let end: number | null = null;
  for (const [s, e] of intervalsFrom(schedule, t, 1)) {
    if (e <= t) continue;
    if (end !== null && s > end) return end;
    end = Math.max(end ?? e, e);
  }
  return null;
}

/**
 * The instant at which `ms` of open time after `t` have passed. It is never inside closed
 * time: it lies in (start, end] of an open interval. Null when the schedule does not offer
 * that much open time within the search window.
 */
export function addBusinessTime(schedule: Schedule, t: number, ms: number): number | null {
  if (ms <= 0) return t;
  let remaining = ms;
  for (const [s, e] of intervalsFrom(schedule, t, 1)) {
    if (e <= t) continue;
    const from = Math.max(s, t);
    if (remaining <= e - from) return from + remaining;
    remaining -= e - from;
  }
  return null;
}

/** The inverse of addBusinessTime: the instant `ms` of open time before `t`, in [start, end). */
export function subtractBusinessTime(schedule: Schedule, t: number, ms: number): number | null {
  if (ms <= 0) return t;
  let remaining = ms;
  for (const [s, e] of intervalsFrom(schedule, t, -1)) {
    if (s >= t) continue;
    const to = Math.min(e, t);
    if (remaining <= to - s) return to - remaining;
    remaining -= to - s;
  }
  return null;
}

/** Open time between a and b (0 when b ≤ a): what an SLA clock that pauses outside hours counts. */
export function businessMsBetween(schedule: Schedule, a: number, b: number): number {
  if (b <= a) return 0;
  let total = 0;
  for (const [s, e] of intervalsFrom(schedule, a, 1)) {
    if (s >= b) break;
    if (e <= a) continue;
    total += Math.min(e, b) - Math.max(s, a);
  }
  return total;
}

/** The next instant after `t` whose wall-clock time in `zone` is `hhmm` (a time in a DST gap moves past it). */
export function nextTimeOfDay(zone: string, t: number, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  const base = DateTime.fromMillis(t, { zone });
  for (let i = 0; i < 3; i++) {
    const candidate = base.plus({ days: i }).set({ hour: h, minute: m, second: 0, millisecond: 0 }).toMillis();
    if (candidate > t) return candidate;
  }
  /* c8 ignore next */ throw new Error(`no ${hhmm} in the next three days in ${zone}`);
}
