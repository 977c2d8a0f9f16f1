import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessMsBetween, isOpenAt, nextOpenAt, subtractBusinessTime } from './business-clock';
import { scheduleSchema, weekdays, type Schedule } from './schedule-schema';

const hhmm = (m: number) => (m === 1440 ? '24:00' : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);

// Split shifts: up to three disjoint intervals a day on a 15-minute grid, in zones with DST
// (both hemispheres) and without, plus single, range and yearly holidays.
const dayArb = fc
  .uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 6 })
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
const instantArb = fc.integer({ min: Date.parse('2024-06-01T00:00:00Z'), max: Date.parse('2026-06-01T00:00:00Z') });
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
});
