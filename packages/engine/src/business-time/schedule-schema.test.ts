import { describe, expect, it } from 'vitest';
import { emptyWeek, scheduleSchema } from './schedule-schema';

const problems = (input: unknown) => {
  const r = scheduleSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('schedule input', () => {
  it('names the field of each bad value', () => {
    expect(problems({ timeZone: 'Mars/Olympus', weekly: emptyWeek() })).toEqual(['timeZone: Unknown time zone (use an IANA name such as Europe/Berlin)']);
    expect(problems({ timeZone: 'UTC', weekly: { ...emptyWeek(), mon: [{ start: '17:00', end: '09:00' }] } })).toEqual(['weekly.mon.0.end: Must end after it starts']);
    expect(
      problems({ timeZone: 'UTC', weekly: { ...emptyWeek(), tue: [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '18:00' }] } }),
    ).toEqual(['weekly.tue.1.start: Overlaps another interval of the same day']);
    expect(problems({ timeZone: 'UTC', weekly: emptyWeek(), holidays: [{ name: 'X', from: '25/12/2025' }] })).toEqual(['holidays.0.from: Use a date like 2026-12-25']);
    expect(problems({ timeZone: 'UTC', weekly: emptyWeek(), holidays: [{ name: 'X', from: '2025-02-30' }] })).toEqual(['holidays.0.from: Use a date like 2026-12-25']);
    expect(problems({ timeZone: 'UTC', weekly: emptyWeek(), holidays: [{ name: 'X', from: '2025-05-02', to: '2025-05-01' }] })).toEqual(['holidays.0.to: Must not be before the first day']);
  });

  it('accepts split shifts, 24:00 ends, and a yearly span across New Year', () => {
    expect(
      problems({
        timeZone: 'Europe/Berlin',
        weekly: { ...emptyWeek(), mon: [{ start: '13:00', end: '24:00' }, { start: '08:00', end: '12:00' }] },
        holidays: [{ name: 'Winter break', from: '2025-12-24', to: '2026-01-02' }, { name: 'Yearly', from: '2000-12-30', to: '2000-01-02', yearly: true }],
      }),
    ).toEqual([]);
  });
});
