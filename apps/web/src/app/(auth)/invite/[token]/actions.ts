'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { acceptInvitation, type AcceptAs } from '@baton/db';
import { getDb } from '@/server/db';
import { requireUser } from '@/server/auth/require-user';
import { writeActiveWorkspaceCookie } from '@/server/auth/active-workspace';
import { fromError, invalid, ok, type ActionResult } from '@/server/auth/action-result';
import { nameField, newPasswordField } from '../../auth-schemas';

const token = z.string().min(1).max(200);

/** Signed in as the invited email: join, switch to the workspace, go to its inbox. */
export async function acceptAsSignedInUser(rawToken: string): Promise<ActionResult> {
  const user = await requireUser();
  try {
    const accepted = await acceptInvitation(getDb(), token.parse(rawToken), { kind: 'user', userId: user.id });
    await writeActiveWorkspaceCookie(accepted.workspaceId);
  } catch (error) {
    return fromError(error);
  }
  redirect('/inbox');
}

const withPassword = z.object({ token, password: z.string().min(1, { error: 'Enter your password' }) });
const asNew = z.object({ token, name: nameField, password: newPasswordField });

/** Not signed in: an existing account proves itself with its password, a new one is created. The form then signs in. */
export async function acceptWithCredentials(formData: FormData): Promise<ActionResult<{ email: string }>> {
  const mode = formData.get('mode');
  const raw = Object.fromEntries(formData);
  let as: AcceptAs;
  let rawToken: string;
  if (mode === 'new') {
    const parsed = asNew.safeParse(raw);
    if (!parsed.success) return invalid(parsed.error);
    as = { kind: 'new', name: parsed.data.name, password: parsed.data.password };
    rawToken = parsed.data.token;
  } else {
    const parsed = withPassword.safeParse(raw);
    if (!parsed.success) return invalid(parsed.error);
    as = { kind: 'password', password: parsed.data.password };
    rawToken = parsed.data.token;
  }
  try {
    const accepted = await acceptInvitation(getDb(), rawToken, as);
    await writeActiveWorkspaceCookie(accepted.workspaceId);
    return ok({ email: accepted.email });
  } catch (error) {
    return fromError(error);
  }
}
