import { DomainError, isUnstorableTextError } from '@baton/db';
import type { z } from 'zod';

/** What every server action returns: errors are values, shaped for forms. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

export function ok(): ActionResult;
export function ok<T>(data: T): ActionResult<T>;
export function ok<T>(data?: T): ActionResult<T | undefined> {
  return { ok: true, data };
}

/** zod issues → the first message per field. */
export function invalid(error: z.ZodError, message = 'Please fix the highlighted fields'): { ok: false; error: string; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    fieldErrors[field] ??= issue.message;
  }
  return { ok: false, error: message, fieldErrors };
}

/**
 * Maps a DomainError to a form error (a `details.field` puts it under that field). Anything
 * else is rethrown: it is a bug, or Next's redirect signal, which must propagate.
 */
export function fromError(error: unknown): { ok: false; error: string; fieldErrors?: Record<string, string> } {
  if (error instanceof DomainError) {
    const field = (error.details as { field?: unknown } | undefined)?.field;
    return typeof field === 'string'
      ? { ok: false, error: error.message, fieldErrors: { [field]: error.message } }
      : { ok: false, error: error.message };
  }
  if (isUnstorableTextError(error)) return { ok: false, error: 'The text contains characters that cannot be stored (or is too long)' };
  throw error;
}
