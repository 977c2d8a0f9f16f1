'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { acceptInvitation } from '@baton/db';
import { getDb } from '@/server/db';
import { requireUser } from '@/server/auth/require-user';
import { writeActiveWorkspaceCookie } from '@/server/auth/active-workspace';
import { fromError, invalid, ok, type ActionResult } from '@/server/auth/action-result';
import { limitAnonymousAction } from '@/server/rate-limit/limit-anonymous-action';
import { nameField, newPasswordField } from '../../auth-schemas';

const token = z.string().min(1).max(200);

/**
 * Signed in as the invited email: join, switch to the workspace, go to its inbox. This is
 * the only way an existing account joins: it signs in first through the normal, rate-limited
 * sign-in (the page links there with a callback back to the invitation). There is no
 * "enter the password of the invited account" form any more, which let anyone holding a
 * link guess that account's password with no limit.
 */
export async function acceptAsSignedInUser(rawToken: string): Promise<ActionResult> {
  const user = await requireUser();
  const parsed = token.safeParse(rawToken);
  if (!parsed.success) return { ok: false, error: 'This invitation link is not valid' };
  try {
    const accepted = await acceptInvitation(getDb(), parsed.data, { kind: 'user', userId: user.id });
    await writeActiveWorkspaceCookie(accepted.workspaceId);
  } catch (error) {
    return fromError(error);
  }
  redirect('/inbox');
}

const asNew = z.object({ token, name: nameField, password: newPasswordField });

/**
 * Not signed in, no account yet: creates one for the invited email and joins; the form then
 * signs in. Rate limited per IP; the token is checked before the password is hashed. If the
 * email already has an account the answer is the same vague refusal whatever the password
 * (see CANNOT_CREATE_ACCOUNT): nothing here checks or reveals a password or an account.
 */
export async function acceptAsNewAccount(formData: FormData): Promise<ActionResult<{ email: string }>> {
  const parsed = asNew.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  const limited = await limitAnonymousAction('inviteAccept');
  if (limited) return limited;
  try {
    const accepted = await acceptInvitation(getDb(), parsed.data.token, { kind: 'new', name: parsed.data.name, password: parsed.data.password });
    await writeActiveWorkspaceCookie(accepted.workspaceId);
    return ok({ email: accepted.email });
  } catch (error) {
    return fromError(error);
  }
}
