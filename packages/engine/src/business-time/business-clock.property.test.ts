import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilDayOf } from './civil-day';
import { openIntervalsOn } from './open-intervals';
import { addBusinessTime, businessMsBetween, isOpenAt, nextOpenAt, subtractBusinessTime } from './business-clock';
import { scheduleSchema, weekdays, type Schedule } from './schedule-schema';

const hhmm = (m: number) => (m === 1440 ? '24:00' : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);

// Split shifts: up to three disjoint intervals a day on a 15-minute grid, in zones with DST
// (both hemispheres) and without, plus single, range and yearly holidays.
const dayArb = fc
  // Boundaries are drawn half the time from 01:30–04:30, where clock changes skip or repeat wall time.
  .uniqueArray(fc.oneof(fc.integer({ min: 0, max: 96 }), fc.integer({ min: 6, max: 18 })), { maxLength: 6 })
  .map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const out: Array<{ start: string; end: string }> = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) out.push({ start: hhmm(sorted[i]! * 15), end: hhmm(sorted[i + 1]! * 15) });
    return out.filter((iv) => iv.start !== '24:00');
  });
const dateArb = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const holidayArb = fc.record({ from: dateArb, span: fc.integer({ min: 0, max: 5 }), yearly: fc.boolean() }).map(({ from, span, yearly }) => ({
  name: 'h',
  from,
  to: new Date(Date.parse(`${from}T00:00:00Z`) + span * 86_400_000).toISOString().slice(0, 10),
  yearly,
}));
const scheduleArb: fc.Arbitrary<Schedule> = fc
  .record({
    timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'),
    days: fc.array(dayArb, { minLength: 7, maxLength: 7 }),
    holidays: fc.array(holidayArb, { maxLength: 4 }),
  })
  .map(({ timeZone, days, holidays }) =>
    scheduleSchema.parse({ timeZone, weekly: Object.fromEntries(weekdays.map((d, i) => [d, days[i]])), holidays }),
  );
// Half the instants fall within three days of a clock change of one of the zones above (the
// nights where a wall time is skipped or repeated), where uniform instants would rarely go.
const clockChanges = ['2024-10-06', '2024-10-27', '2024-11-03', '2025-03-09', '2025-03-30', '2025-04-06', '2025-10-05', '2025-10-26', '2025-11-02', '2026-03-08', '2026-03-29', '2026-04-05'];
const instantArb = fc.oneof(
  fc.integer({ min: Date.parse('2024-06-01T00:00:00Z'), max: Date.parse('2026-06-01T00:00:00Z') }),
  fc.tuple(fc.constantFrom(...clockChanges), fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 })).map(([d, off]) => Date.parse(`${d}T12:00:00Z`) + off),
);
const durationArb = fc.integer({ min: 1, max: 40 * 3_600_000 });

const params = { numRuns: 60 };

// Luxon's zone look-ups are slow on a cold cache (~0.3 ms each here): a generous timeout.
describe('business-time arithmetic (properties)', { timeout: 60_000 }, () => {
  it('is monotonic in the start and in the duration', () => {
    fc.assert(
      fc.property(scheduleArb, instantArb, fc.integer({ min: 0, max: 3 * 86_400_000 }), durationArb, durationArb, (s, t, dt, d1, d2) => {
        const [a, b] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const ra = addBusinessTime(s, t, a);
        const rb = addBusinessTime(s, t, b);
        if (ra !== null && rb !== null) expect(ra).toBeLessThanOrEqual(rb);
        const later = addBusinessTime(s, t + dt, a);
        if (ra !== null && later !== null) expect(ra).toBeLessThanOrEqual(later);
      }),
      params,
    );
  });

  it('adding then subtracting returns the start (or, from closed time, the next opening)', () => {
    fc.assert(
      fc.property(scheduleArb, instantArb, durationArb, (s, t, d) => {
        const r = addBusinessTime(s, t, d);
        if (r === null) return;
        expect(subtractBusinessTime(s, r, d)).toBe(nextOpenAt(s, t));
      }),
      params,
    );
  });

  it('never lands inside closed time, and counts exactly the duration of open time', () => {
    fc.assert(
      fc.property(scheduleArb, instantArb, durationArb, (s, t, d) => {
        const r = addBusinessTime(s, t, d);
        if (r === null) return;
        // r is in (start, end] of an open interval: the millisecond before it is open.
        expect(isOpenAt(s, r - 1)).toBe(true);
        expect(businessMsBetween(s, t, r)).toBe(d);
      }),
      params,
    );
  });

  it("a day's open intervals are sorted and disjoint, and never hold more time than passes, on every clock-change night", () => {
    fc.assert(
      fc.property(scheduleArb, (s) => {
        for (const change of clockChanges) {
          const day = civilDayOf(s.timeZone, Date.parse(`${change}T12:00:00Z`));
          const intervals = [day - 1, day, day + 1].flatMap((d) => openIntervalsOn(s, d));
          for (let i = 1; i < intervals.length; i++) expect(intervals[i]![0]).toBeGreaterThanOrEqual(intervals[i - 1]![1]);
          const t = Date.parse(`${change}T00:00:00Z`) - 86_400_000;
          expect(businessMsBetween(s, t, t + 3 * 86_400_000)).toBeLessThanOrEqual(3 * 86_400_000);
        }
      }),
      { numRuns: 200 },
    );
  });
});
