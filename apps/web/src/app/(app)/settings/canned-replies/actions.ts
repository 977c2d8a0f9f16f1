'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createCannedReply, deleteCannedReply, updateCannedReply } from '@baton/db';
import { requireMember, type MemberContext } from '@/server/auth';
import { fromError, invalid, ok, type ActionResult } from '@/server/auth/action-result';

const id = z.uuid({ error: 'Canned reply not found' });
const fields = (formData: FormData) => ({ name: formData.get('name') ?? '', shortcut: formData.get('shortcut') ?? '', body: formData.get('body') ?? '' });

/** Admins manage canned replies (contacts.configure); every member uses them in the inbox. */
export async function createCannedReplyAction(formData: FormData): Promise<ActionResult> {
  return run(async (m) => {
    await createCannedReply(m.tenant, fields(formData));
    return ok();
  });
}

export async function updateCannedReplyAction(formData: FormData): Promise<ActionResult> {
  return run(async (m) => {
    await updateCannedReply(m.tenant, id.parse(formData.get('id')), fields(formData));
    return ok();
  });
}

export async function deleteCannedReplyAction(cannedReplyId: string): Promise<ActionResult> {
  return run(async (m) => {
    await deleteCannedReply(m.tenant, id.parse(cannedReplyId));
    return ok();
  });
}

async function run(fn: (m: MemberContext) => Promise<ActionResult>): Promise<ActionResult> {
  try {
    const m = await requireMember('contacts.configure');
    const result = await fn(m);
    if (result.ok) {
      revalidatePath('/settings/canned-replies');
      revalidatePath('/inbox');
    }
    return result;
  } catch (error) {
    if (error instanceof z.ZodError) return invalid(error);
    return fromError(error);
  }
}
