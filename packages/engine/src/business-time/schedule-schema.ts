import { DateTime } from 'luxon';
import { z } from 'zod';
import { timeZoneSchema } from './time-zone';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];
export const weekdaySchema = z.enum(weekdays);
export const weekdayLabels: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** 'HH:MM', 00:00–23:59; an interval's end may also be 24:00 (the end of the day). */
export const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Use HH:MM, e.g. 09:00' });
const endOfIntervalSchema = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { error: 'Use HH:MM, e.g. 17:30 (24:00 for midnight)' });

export function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export const openIntervalSchema = z
  .object({ start: timeOfDaySchema, end: endOfIntervalSchema })
  .refine((i) => minutesOfDay(i.end) > minutesOfDay(i.start), { error: 'Must end after it starts', path: ['end'] });
export type OpenInterval = z.infer<typeof openIntervalSchema>;

/** A day's intervals (split shifts allowed), which may not overlap or touch out of order. */
const dayHoursSchema = z
  .array(openIntervalSchema)
  .max(6, { error: 'At most 6 intervals a day' })
  .superRefine((intervals, ctx) => {
    const sorted = intervals
      .map((iv, index) => ({ index, start: minutesOfDay(iv.start), end: minutesOfDay(iv.end) }))
      .filter((iv) => iv.end > iv.start)
      .sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!;
      const cur = sorted[i]!;
      if (cur.start < prev.end)
        ctx.addIssue({ code: 'custom', path: [cur.index, 'start'], message: 'Overlaps another interval of the same day' });
    }
  });

export const weeklyHoursSchema = z.object(
  Object.fromEntries(weekdays.map((d) => [d, dayHoursSchema])) as Record<Weekday, typeof dayHoursSchema>,
);
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

export const isoDateSchema = z
  .string()
  .trim()
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s, { zone: 'UTC' }).isValid, {
    error: 'Use a date like 2026-12-25',
  });

/**
 * A closed day or run of days (whole local days in the schedule's zone). `to` absent: one
 * day. `yearly`: the same month-day span every year (a span may cross New Year).
 */
export const holidaySchema = z
  .object({
    name: z.string().trim().min(1, { error: 'Name the holiday' }).max(80, { error: 'Keep it under 80 characters' }),
    from: isoDateSchema,
    to: isoDateSchema.optional(),
    yearly: z.boolean().default(false),
  })
  .superRefine((h, ctx) => {
    if (!h.to) return;
    if (!h.yearly && h.to < h.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Must not be before the first day' });
    const days = DateTime.fromISO(h.to, { zone: 'UTC' }).diff(DateTime.fromISO(h.from, { zone: 'UTC' }), 'days').days;
    if (!h.yearly && days > 366) ctx.addIssue({ code: 'custom', path: ['to'], message: 'A holiday spans at most a year' });
  });
export type Holiday = z.infer<typeof holidaySchema>;

export const scheduleSchema = z.object({
  timeZone: timeZoneSchema,
  weekly: weeklyHoursSchema,
  holidays: z.array(holidaySchema).max(200, { error: 'At most 200 holidays' }).default([]),
});
export type Schedule = z.infer<typeof scheduleSchema>;

export const emptyWeek = (): WeeklyHours => ({ mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] });

/** Mon–Fri 09:00–17:00: what a new schedule starts from in the editor. */
export function officeHours(timeZone: string): Schedule {
  const day = () => [{ start: '09:00', end: '17:00' }];
  return { timeZone, weekly: { ...emptyWeek(), mon: day(), tue: day(), wed: day(), thu: day(), fri: day() }, holidays: [] };
}

/** No schedule set: every minute is business time (nothing changes for workspaces without one). */
export function alwaysOpen(timeZone: string): Schedule {
  const day = () => [{ start: '00:00', end: '24:00' }];
  return {
    timeZone,
    weekly: Object.fromEntries(weekdays.map((d) => [d, day()])) as WeeklyHours,
    holidays: [],
  };
}
