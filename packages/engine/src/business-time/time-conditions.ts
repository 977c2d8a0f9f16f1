import { DateTime } from 'luxon';
import { z } from 'zod';
import { assertNever } from '../assert-never';
import type { Catalog } from '../catalog';
import { idSchema } from '../schema/primitives';
import { isOpenAt } from './business-clock';
import { civilDayOf } from './civil-day';
import { holidayOn } from './open-intervals';
import { isoDateSchema, minutesOfDay, timeOfDaySchema, weekdayLabels, weekdays, weekdaySchema } from './schedule-schema';
import { describeScheduleRef, resolveSchedule, scheduleRefSchema, type WorkspaceCalendar } from './schedule-ref';

// Days, weekdays and times of day are the workspace zone's (calendar.timeZone); opening
// hours and holidays are the referenced schedule's own.
export const scheduleHoursConditionSchema = z.object({
  id: idSchema,
  kind: z.literal('schedule_hours'),
  operator: z.enum(['open', 'closed']),
  schedule: scheduleRefSchema,
});

export const dayOfWeekConditionSchema = z.object({
  id: idSchema,
  kind: z.literal('day_of_week'),
  days: z.array(weekdaySchema).min(1, { error: 'Pick at least one day' }).max(7),
});

export const timeOfDayConditionSchema = z
  .object({ id: idSchema, kind: z.literal('time_of_day'), from: timeOfDaySchema, to: timeOfDaySchema })
  .refine((c) => c.from !== c.to, { error: 'Must differ from the start', path: ['to'] });

export const dateRangeConditionSchema = z
  .object({ id: idSchema, kind: z.literal('date_range'), from: isoDateSchema, to: isoDateSchema })
  .refine((c) => c.to >= c.from, { error: 'Must not be before the first day', path: ['to'] });

export const holidayConditionSchema = z.object({
  id: idSchema,
  kind: z.literal('holiday'),
  operator: z.enum(['is', 'is_not']),
  schedule: scheduleRefSchema,
});

export const dateTimeConditionSchema = z.discriminatedUnion('kind', [
  scheduleHoursConditionSchema,
  dayOfWeekConditionSchema,
  timeOfDayConditionSchema,
  dateRangeConditionSchema,
  holidayConditionSchema,
]);
export type DateTimeCondition = z.infer<typeof dateTimeConditionSchema>;
export const dateTimeConditionKinds = ['schedule_hours', 'day_of_week', 'time_of_day', 'date_range', 'holiday'] as const;

export function evaluateDateTimeCondition(c: DateTimeCondition, calendar: WorkspaceCalendar, now: number): boolean {
  const local = DateTime.fromMillis(now, { zone: calendar.timeZone });
  switch (c.kind) {
    case 'schedule_hours':
      return isOpenAt(resolveSchedule(calendar, c.schedule), now) === (c.operator === 'open');
    case 'day_of_week':
      return c.days.includes(weekdays[local.weekday - 1]!);
    case 'time_of_day': {
      const m = local.hour * 60 + local.minute;
      const from = minutesOfDay(c.from);
      const to = minutesOfDay(c.to);
      // 22:00–06:00 wraps past midnight.
      return from < to ? from <= m && m < to : m >= from || m < to;
    }
    case 'date_range': {
      const d = local.toISODate() ?? '';
      return c.from <= d && d <= c.to;
    }
    case 'holiday': {
      const schedule = resolveSchedule(calendar, c.schedule);
      return (holidayOn(schedule, civilDayOf(schedule.timeZone, now)) !== null) === (c.operator === 'is');
    }
    default:
      return assertNever(c, 'time condition');
  }
}

export function describeDateTimeCondition(c: DateTimeCondition, catalog?: Catalog): string {
  switch (c.kind) {
    case 'schedule_hours':
      return `${c.operator === 'open' ? 'inside' : 'outside'} ${describeScheduleRef(c.schedule, catalog)}`;
    case 'day_of_week':
      return c.days.length === 7 ? 'any day' : `on ${c.days.map((d) => weekdayLabels[d].slice(0, 3)).join(', ')}`;
    case 'time_of_day':
      return `between ${c.from} and ${c.to}`;
    case 'date_range':
      return c.from === c.to ? `on ${c.from}` : `from ${c.from} to ${c.to}`;
    case 'holiday':
      return `${c.operator === 'is' ? 'on' : 'not on'} a holiday of ${describeScheduleRef(c.schedule, catalog)}`;
    default:
      return assertNever(c, 'time condition');
  }
}
