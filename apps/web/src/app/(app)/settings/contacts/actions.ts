'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { contactFieldInputSchema, createContactField, createTag, deleteContactField, deleteTag } from '@baton/db';
import { requireMember, type MemberContext } from '@/server/auth';
import { fromError, invalid, ok, type ActionResult } from '@/server/auth/action-result';

const tagForm = z.object({ name: z.string().trim().min(1, { error: 'Name the tag' }).max(100, { error: 'Keep it under 100 characters' }) });
const name = z.string().trim().min(1).max(100);

/** Options come as one comma-separated text field (a select's choices). */
export async function createContactFieldAction(formData: FormData): Promise<ActionResult> {
  return run(async (m) => {
    const raw = Object.fromEntries(formData);
    const options = String(raw.options ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    await createContactField(m.tenant, contactFieldInputSchema.parse({ key: raw.key, label: raw.label, type: raw.type, options }));
    return ok();
  });
}

export async function deleteContactFieldAction(key: string): Promise<ActionResult> {
  return run(async (m) => {
    await deleteContactField(m.tenant, name.parse(key));
    return ok();
  });
}

export async function createTagAction(formData: FormData): Promise<ActionResult> {
  return run(async (m) => {
    await createTag(m.tenant, tagForm.parse(Object.fromEntries(formData)).name);
    return ok();
  });
}

export async function deleteTagAction(tag: string): Promise<ActionResult> {
  return run(async (m) => {
    await deleteTag(m.tenant, name.parse(tag));
    return ok();
  });
}

async function run(fn: (m: MemberContext) => Promise<ActionResult>): Promise<ActionResult> {
  try {
    const m = await requireMember('contacts.configure');
    const result = await fn(m);
    if (result.ok) revalidatePath('/settings/contacts');
    return result;
  } catch (error) {
    if (error instanceof z.ZodError) return invalid(error);
    return fromError(error);
  }
}
