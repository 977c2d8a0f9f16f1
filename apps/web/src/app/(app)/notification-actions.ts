'use server';

import { markNotificationsRead, markNotificationsReadSchema } from '@baton/db';
import { requireMember } from '@/server/auth';
import { fromError, invalid, ok, type ActionResult } from '@/server/auth/action-result';

/** Marks the signed-in member's own notifications read (some ids, or all). */
export async function markMyNotificationsRead(input: unknown): Promise<ActionResult> {
  const m = await requireMember();
  const parsed = markNotificationsReadSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error, 'Pass ids (1–100 notification ids) or all: true');
  try {
    await markNotificationsRead(m.tenant, m.user.id, parsed.data);
    return ok();
  } catch (error) {
    return fromError(error);
  }
}
