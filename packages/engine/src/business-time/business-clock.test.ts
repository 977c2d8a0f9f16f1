import { Settings } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { addBusinessTime, businessMsBetween, isOpenAt, nextCloseAt, nextOpenAt, nextTimeOfDay, subtractBusinessTime } from './business-clock';
import { emptyWeek, officeHours, scheduleSchema, type Schedule } from './schedule-schema';

const HOUR = 3_600_000;
const MIN = 60_000;
const utc = (iso: string) => Date.parse(iso);

function every(timeZone: string, start: string, end: string): Schedule {
  const day = () => [{ start, end }];
  return scheduleSchema.parse({ timeZone, weekly: { mon: day(), tue: day(), wed: day(), thu: day(), fri: day(), sat: day(), sun: day() } });
}

describe('business clock', () => {
  afterEach(() => {
    Settings.defaultZone = 'system';
  });

  it('15 business minutes at Friday 16:55 end at Monday 09:10', () => {
    const s = officeHours('Europe/Berlin');
    // Friday 2025-01-10 16:55 CET = 15:55 UTC.
    expect(addBusinessTime(s, utc('2025-01-10T15:55:00Z'), 15 * MIN)).toBe(utc('2025-01-13T08:10:00Z'));
    expect(isOpenAt(s, utc('2025-01-10T16:00:00Z'))).toBe(false);
    expect(nextOpenAt(s, utc('2025-01-10T17:05:00Z'))).toBe(utc('2025-01-13T08:00:00Z'));
    expect(nextCloseAt(s, utc('2025-01-10T15:55:00Z'))).toBe(utc('2025-01-10T16:00:00Z'));
  });

  describe.each([
    // zone, spring-forward day, fall-back day, UTC offset (h) before spring and after fall
    ['Europe/Berlin', '2025-03-30', '2025-10-26', 1],
    ['America/New_York', '2025-03-09', '2025-11-02', -5],
  ] as const)('DST in %s', (zone, spring, fall, winterOffset) => {
    const s = every(zone, '01:00', '04:00');
    const at = (date: string, hour: number, offset: number) => Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10), hour - offset);

    it('spring forward: 01:00–04:00 holds two hours, and 2 business hours from 01:00 end at 04:00', () => {
      const start = at(spring, 1, winterOffset);
      expect(businessMsBetween(s, start - HOUR, start + 5 * HOUR)).toBe(2 * HOUR);
      expect(addBusinessTime(s, start, 2 * HOUR)).toBe(at(spring, 4, winterOffset + 1));
      expect(isOpenAt(s, start + 90 * MIN)).toBe(true);
    });

    it('fall back: 01:00–04:00 holds four hours', () => {
      const start = at(fall, 1, winterOffset + 1);
      expect(businessMsBetween(s, start - HOUR, start + 6 * HOUR)).toBe(4 * HOUR);
      expect(addBusinessTime(s, start, 4 * HOUR)).toBe(at(fall, 4, winterOffset));
      expect(subtractBusinessTime(s, at(fall, 4, winterOffset), 4 * HOUR)).toBe(start);
    });

    it('spring forward: a split shift ending or starting in the skipped hour covers only the hours that exist', () => {
      const start = at(spring, 1, winterOffset);
      const change = at(spring, 3, winterOffset + 1); // 02:00 winter time = 03:00 summer time
      const split = (a: string, b: string, c: string, d: string) =>
        scheduleSchema.parse({ timeZone: zone, weekly: { ...emptyWeek(), sun: [{ start: a, end: b }, { start: c, end: d }] } });
      // 01:00–02:30 ends when the gap ends; 03:00–04:00 follows it: two hours, not two and a half.
      const endsInGap = split('01:00', '02:30', '03:00', '04:00');
      expect(businessMsBetween(endsInGap, start - HOUR, start + 5 * HOUR)).toBe(2 * HOUR);
      expect(addBusinessTime(endsInGap, start, 2 * HOUR)).toBe(at(spring, 4, winterOffset + 1));
      expect(nextCloseAt(endsInGap, start)).toBe(at(spring, 4, winterOffset + 1));
      // 00:00–01:00 then 02:30–04:00: the second shift opens at 03:00 summer time, the gap's end.
      const startsInGap = split('00:00', '01:00', '02:30', '04:00');
      expect(nextOpenAt(startsInGap, start)).toBe(change);
      expect(businessMsBetween(startsInGap, start, start + 5 * HOUR)).toBe(HOUR);
    });

    it('office hours keep their wall-clock times across the change', () => {
      const hours = officeHours(zone);
      // Friday before the spring change, 16:00 local, + 2 business hours → next working day 10:00 local (summer offset).
      const fri = new Date(Date.parse(`${spring}T12:00:00Z`) - 2 * 86_400_000 + (zone === 'America/New_York' ? 0 : 0));
      const friday = fri.toISOString().slice(0, 10);
      const monday = new Date(Date.parse(`${spring}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect(addBusinessTime(hours, at(friday, 16, winterOffset), 2 * HOUR)).toBe(at(monday, 10, winterOffset + 1));
    });
  });

  it('a holiday on a split-shift day closes both shifts; yearly and range holidays repeat and span', () => {
    const split = [{ start: '09:00', end: '12:00' }, { start: '14:00', end: '18:00' }];
    const s = scheduleSchema.parse({
      timeZone: 'Europe/Berlin',
      weekly: { ...emptyWeek(), mon: split, tue: split, wed: split, thu: split, fri: split },
      holidays: [
        { name: 'Christmas Eve', from: '2025-12-24' },
        { name: 'Christmas', from: '2020-12-25', yearly: true },
        { name: 'Between the years', from: '2025-12-29', to: '2025-12-31' },
      ],
    });
    // Tue 23 Dec 17:00 CET + 2h: 1h left on Tuesday, Wed (24th) and Thu (25th) closed → Fri 26th 10:00.
    expect(addBusinessTime(s, utc('2025-12-23T16:00:00Z'), 2 * HOUR)).toBe(utc('2025-12-26T09:00:00Z'));
    expect(isOpenAt(s, utc('2025-12-24T09:30:00Z'))).toBe(false);
    expect(isOpenAt(s, utc('2025-12-24T14:30:00Z'))).toBe(false);
    expect(isOpenAt(s, utc('2025-12-26T11:30:00Z'))).toBe(false); // the lunch gap, 12:30 CET
    expect(isOpenAt(s, utc('2025-12-26T13:30:00Z'))).toBe(true);
    // Fri 26th 17:00 + 2h: 1h on Friday, the 29th–31st closed → Thu 1 Jan 10:00 (no yearly New Year here).
    expect(addBusinessTime(s, utc('2025-12-26T16:00:00Z'), 2 * HOUR)).toBe(utc('2026-01-01T09:00:00Z'));
    // The yearly 25th again in 2026 (a Friday).
    expect(isOpenAt(s, utc('2026-12-25T09:30:00Z'))).toBe(false);
  });

  it('computes in the schedule zone whatever the server zone is', () => {
    const tokyo = officeHours('Asia/Tokyo');
    const t = utc('2025-01-10T07:55:00Z'); // Friday 16:55 in Tokyo
    const expected = utc('2025-01-13T00:10:00Z'); // Monday 09:10 in Tokyo
    for (const zone of ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles']) {
      Settings.defaultZone = zone;
      expect(addBusinessTime(tokyo, t, 15 * MIN)).toBe(expected);
      expect(isOpenAt(tokyo, t)).toBe(true);
      expect(nextTimeOfDay('Asia/Tokyo', t, '09:00')).toBe(utc('2025-01-11T00:00:00Z'));
    }
  });

  it('a schedule with no hours never opens', () => {
    const s = scheduleSchema.parse({ timeZone: 'UTC', weekly: emptyWeek() });
    expect(nextOpenAt(s, 0)).toBeNull();
    expect(addBusinessTime(s, 0, MIN)).toBeNull();
    expect(businessMsBetween(s, 0, 10 * HOUR)).toBe(0);
  });

  it('intervals touching across midnight are one open stretch', () => {
    const s = scheduleSchema.parse({
      timeZone: 'UTC',
      weekly: { ...emptyWeek(), mon: [{ start: '22:00', end: '24:00' }], tue: [{ start: '00:00', end: '06:00' }] },
    });
    expect(nextCloseAt(s, utc('2025-01-06T23:00:00Z'))).toBe(utc('2025-01-07T06:00:00Z'));
  });

  it('nextTimeOfDay is strictly after now', () => {
    expect(nextTimeOfDay('UTC', utc('2025-01-06T09:00:00Z'), '09:00')).toBe(utc('2025-01-07T09:00:00Z'));
    expect(nextTimeOfDay('UTC', utc('2025-01-06T08:59:00Z'), '09:00')).toBe(utc('2025-01-06T09:00:00Z'));
  });
});
