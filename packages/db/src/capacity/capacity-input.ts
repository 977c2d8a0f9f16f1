import { z } from 'zod';

/**
 * A capacity as typed (a whole number ≥ 1; empty: unlimited / no override). The bound of
 * 10,000 only catches typos: nobody holds that many open conversations.
 */
export const capacitySchema = z
  .number({ error: 'Enter a whole number' })
  .int({ error: 'Enter a whole number' })
  .min(1, { error: 'Capacity must be at least 1' })
  .max(10_000, { error: 'Capacity must be at most 10000' })
  .nullable();

/** Form text → capacity: "" means null; anything else must be a whole number. */
export const capacityTextSchema = z
  .string()
  .trim()
  .transform((s, ctx) => {
    if (s === '') return null;
    if (!/^-?\d+$/.test(s)) {
      ctx.addIssue({ code: 'custom', message: 'Enter a whole number' });
      return z.NEVER;
    }
    return Number(s);
  })
  .pipe(capacitySchema);
