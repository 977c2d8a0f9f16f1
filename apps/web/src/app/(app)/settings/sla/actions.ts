'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createSlaPolicy, deleteSlaPolicy, moveSlaPolicy, updateSlaPolicy } from '@baton/db';
import { requireMember } from '@/server/auth';
import { fromError, ok, type ActionResult } from '@/server/auth/action-result';
import { SLA_FIELD_OF_PATH, slaPolicyFromForm } from './sla-form-input';

/** zod issues → the form input each belongs to; nothing is saved when there is any. */
function fieldIssues(error: z.ZodError): ActionResult<never> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String);
    const key = SLA_FIELD_OF_PATH[path.join('.')] ?? SLA_FIELD_OF_PATH[path.slice(0, 2).join('.')] ?? SLA_FIELD_OF_PATH[path[0] ?? ''] ?? 'form';
    fieldErrors[key] ??= issue.message;
  }
  return { ok: false, error: 'Nothing was saved: please fix the highlighted fields', fieldErrors };
}

async function guarded<T>(fn: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof z.ZodError) return fieldIssues(error);
    const mapped = fromError(error);
    // Data-layer field names (conditions.teamIds, businessHours) → the form's.
    if (mapped.fieldErrors)
      mapped.fieldErrors = Object.fromEntries(Object.entries(mapped.fieldErrors).map(([k, v]) => [SLA_FIELD_OF_PATH[k] ?? k, v]));
    return mapped;
  }
}

export async function createSlaPolicyAction(formData: FormData): Promise<ActionResult> {
  return guarded(async () => {
    const m = await requireMember('workspace.manage');
    await createSlaPolicy(m.tenant, slaPolicyFromForm(formData));
    revalidatePath('/settings/sla');
    return ok();
  });
}

export async function updateSlaPolicyAction(policyId: string, formData: FormData): Promise<ActionResult> {
  return guarded(async () => {
    const m = await requireMember('workspace.manage');
    await updateSlaPolicy(m.tenant, z.string().parse(policyId), slaPolicyFromForm(formData));
    revalidatePath('/settings/sla');
    return ok();
  });
}

export async function deleteSlaPolicyAction(policyId: string): Promise<ActionResult> {
  return guarded(async () => {
    const m = await requireMember('workspace.manage');
    await deleteSlaPolicy(m.tenant, z.string().parse(policyId));
    revalidatePath('/settings/sla');
    return ok();
  });
}

export async function moveSlaPolicyAction(policyId: string, direction: 'up' | 'down'): Promise<ActionResult> {
  return guarded(async () => {
    const m = await requireMember('workspace.manage');
    await moveSlaPolicy(m.tenant, z.string().parse(policyId), z.enum(['up', 'down']).parse(direction));
    revalidatePath('/settings/sla');
    return ok();
  });
}
