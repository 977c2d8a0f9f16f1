'use server';

import { signUp } from '@baton/db';
import { getDb } from '@/server/db';
import { writeActiveWorkspaceCookie } from '@/server/auth/active-workspace';
import { fromError, invalid, ok, type ActionResult } from '@/server/auth/action-result';
import { limitAnonymousAction } from '@/server/rate-limit/limit-anonymous-action';
import { signUpSchema } from '../auth-schemas';

/** Creates the account and its workspace; the form then signs in through next-auth. */
export async function signUpAction(formData: FormData): Promise<ActionResult<{ email: string }>> {
  const parsed = signUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  // Per IP, before the database: each sign-up costs a bcrypt hash, a user and a workspace.
  // (A form with typos costs nothing, so it is not counted.)
  const limited = await limitAnonymousAction('signUp');
  if (limited) return limited;
  try {
    const { workspaceId } = await signUp(getDb(), parsed.data);
    await writeActiveWorkspaceCookie(workspaceId);
    return ok({ email: parsed.data.email });
  } catch (error) {
    return fromError(error);
  }
}
