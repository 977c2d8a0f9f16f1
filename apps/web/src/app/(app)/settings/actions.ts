'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { apiKeyScopesSchema, createApiKey, renameWorkspace, revokeApiKey, type Action } from '@baton/db';
import { requireMember, type MemberContext } from '@/server/auth';
import { fromError, invalid, ok, type ActionResult } from '@/server/auth/action-result';
import { forgetApiKey } from '@/server/api/api-key-cache';

const workspaceName = z.object({
  name: z.string().trim().min(1, { error: 'Give the workspace a name' }).max(100, { error: 'Keep it under 100 characters' }),
});
const newApiKey = z.object({
  name: z.string().trim().min(1, { error: 'Name the key after what uses it' }).max(60, { error: 'Keep it under 60 characters' }),
  scopes: apiKeyScopesSchema,
});

export async function renameWorkspaceAction(formData: FormData): Promise<ActionResult> {
  return run('workspace.manage', async (m) => {
    await renameWorkspace(m.tenant, workspaceName.parse(Object.fromEntries(formData)).name);
    return ok();
  });
}

/** The plaintext goes to the browser once, here; afterwards only its prefix is shown. */
export async function createApiKeyAction(formData: FormData): Promise<ActionResult<{ name: string; plaintext: string }>> {
  return run('apiKeys.manage', async (m) => {
    const input = newApiKey.parse({ name: formData.get('name'), scopes: formData.getAll('scopes') });
    const key = await createApiKey(m.tenant, { ...input, createdBy: m.user.id });
    return ok({ name: key.name, plaintext: key.plaintext });
  });
}

export async function revokeApiKeyAction(apiKeyId: string): Promise<ActionResult> {
  return run('apiKeys.manage', async (m) => {
    await revokeApiKey(m.tenant, z.string().uuid().parse(apiKeyId));
    forgetApiKey(apiKeyId);
    return ok();
  });
}

async function run<T>(action: Action, fn: (m: MemberContext) => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    const m = await requireMember(action);
    const result = await fn(m);
    // The workspace name also shows in the shell's switcher.
    if (result.ok) revalidatePath('/', 'layout');
    return result;
  } catch (error) {
    if (error instanceof z.ZodError) return invalid(error);
    return fromError(error);
  }
}
