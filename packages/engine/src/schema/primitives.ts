import { z } from 'zod';

// Ids come from the canvas (nanoid-ish) or from templates; keep them short and printable
// so they are safe in handle names (`branch:<id>`), URLs and log lines.
export const idSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'may only contain letters, digits, "-" and "_"');

export const positionSchema = z.object({ x: z.number(), y: z.number() });
export type Position = z.infer<typeof positionSchema>;

export const sources = ['contact', 'user', 'workflow', 'api'] as const;
export const sourceSchema = z.enum(sources);
export type Source = z.infer<typeof sourceSchema>;

export const durationUnits = ['seconds', 'minutes', 'hours', 'days'] as const;
export const durationUnitSchema = z.enum(durationUnits);
export type DurationUnit = z.infer<typeof durationUnitSchema>;

export const durationSchema = z.object({
  amount: z.number().positive('must be greater than 0').finite(),
  unit: durationUnitSchema,
});
export type Duration = z.infer<typeof durationSchema>;
