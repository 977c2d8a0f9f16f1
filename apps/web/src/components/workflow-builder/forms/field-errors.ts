import type { z } from 'zod';
import type { Problem } from '@baton/engine';

/** Field path (as validateDefinition names it: 'config.target.teamId') → first message. */
export type FieldErrors = Map<string, string>;

function friendly(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined|received null|received NaN/.test(issue.message)) return 'Required';
  if (issue.code === 'invalid_union' || issue.code === 'invalid_value') return 'Choose a valid option';
  return issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
}

/**
 * Merges the step schema's own issues (precise, per field, available while typing) with the
 * engine's whole-workflow problems for this step (unknown team, unknown variable, …).
 */
export function fieldErrorsFor(
  config: unknown,
  schema: z.ZodType | null,
  problems: readonly Problem[],
  stepId: string,
): FieldErrors {
  const out: FieldErrors = new Map();
  if (schema) {
    const r = schema.safeParse(config);
    if (!r.success) {
      for (const issue of r.error.issues) {
        const key = ['config', ...issue.path.map(String)].join('.');
        if (!out.has(key)) out.set(key, friendly(issue));
      }
    }
  }
  for (const p of problems) {
    if (p.stepId !== stepId || !p.field || !p.field.startsWith('config')) continue;
    if (p.code === 'invalid_field') continue; // the schema pass above said it better
    if (!out.has(p.field)) out.set(p.field, p.message);
  }
  return out;
}

/** The first error at `path` or below it (a duration's amount under 'config.duration'). */
export function errorUnder(errors: FieldErrors, path: string): string | undefined {
  if (errors.has(path)) return errors.get(path);
  for (const [k, v] of errors) if (k.startsWith(path + '.')) return v;
  return undefined;
}
