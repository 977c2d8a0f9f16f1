'use server';

import { revalidatePath } from 'next/cache';
import { deleteWorkspaceSecret, secretNameSchema, setWorkspaceSecret, workspaceSecretInputSchema } from '@baton/db';
import { fromError, invalid, ok, requireMember, type ActionResult } from '@/server/auth';

const PERMISSION = 'secrets.manage';

/** Creates or replaces a secret; the value is never sent back to the browser. */
export async function setSecretAction(formData: FormData): Promise<ActionResult> {
  const m = await requireMember(PERMISSION);
  const parsed = workspaceSecretInputSchema.safeParse({ name: formData.get('name') ?? '', value: formData.get('value') ?? '' });
  if (!parsed.success) return invalid(parsed.error);
  try {
    await setWorkspaceSecret(m.tenant, parsed.data);
  } catch (error) {
    return fromError(error);
  }
  revalidatePath('/settings/secrets');
  return ok();
}

export async function deleteSecretAction(name: string): Promise<ActionResult> {
  const m = await requireMember(PERMISSION);
  if (!secretNameSchema.safeParse(name).success) return { ok: false, error: 'Secret not found' };
  try {
    await deleteWorkspaceSecret(m.tenant, name);
  } catch (error) {
    return fromError(error);
  }
  revalidatePath('/settings/secrets');
  return ok();
}
