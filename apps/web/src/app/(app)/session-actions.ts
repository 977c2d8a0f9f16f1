'use server';

import { revokeUserSessions } from '@baton/db';
import { getDb } from '@/server/db';
import { requireUser } from '@/server/auth';
import { ok, type ActionResult } from '@/server/auth/action-result';

/**
 * "Sign out everywhere": bumps the user's session version, so every session token issued so
 * far (this browser's included) stops signing anyone in. The menu then signs this browser out.
 */
export async function signOutEverywhereAction(): Promise<ActionResult> {
  const user = await requireUser();
  await revokeUserSessions(getDb(), user.id);
  return ok();
}
