import { z } from 'zod';

/** The longest reporting period: a year, leap day included. Reports over more scan without bound. */
export const MAX_PERIOD_DAYS = 366;
const MAX_DAYS = MAX_PERIOD_DAYS;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * A reporting period: [from, to) and the time zone whose calendar days the "by day" series
 * uses (the viewer's, so "Tuesday" means their Tuesday).
 */
export const metricsPeriodSchema = z
  .object({
    from: z.coerce.date(),
    to: z.coerce.date(),
    timeZone: z.string().default('UTC').refine(isTimeZone, { error: 'Unknown time zone' }),
  })
  .refine((p) => p.to.getTime() > p.from.getTime(), { error: '"to" must be after "from"', path: ['to'] })
  .refine((p) => p.to.getTime() - p.from.getTime() <= MAX_DAYS * 86_400_000, {
    error: `A period can span at most ${MAX_DAYS} days`,
    path: ['from'],
  });
export type MetricsPeriodInput = z.input<typeof metricsPeriodSchema>;
export type MetricsPeriod = z.output<typeof metricsPeriodSchema>;
