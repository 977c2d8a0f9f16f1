'use server';

import { z } from 'zod';
import { revalidatePath } from 'next/cache';
import {
  createWorkflow,
  deleteWorkflow,
  duplicateWorkflow,
  loadCatalog,
  updateWorkflow,
} from '@baton/db';
import { workflowTemplates } from '@baton/engine';
import { requireWorkflowIds } from './workflow-ids';
import { fromError, invalid, ok, requireMember, type ActionResult } from '@/server/auth';

const createInput = z.object({
  name: z.string().trim().min(1, 'Name is required').max(120),
  templateId: z.string().optional(),
  firstTeamId: z.string().optional(),
  secondTeamId: z.string().optional(),
});

/** Blank, or built from one of the engine's templates with teams picked from the workspace. */
export async function createWorkflowAction(input: z.input<typeof createInput>): Promise<ActionResult<{ id: string }>> {
  const m = await requireMember('workflows.manage');
  const parsed = createInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { name, templateId, firstTeamId, secondTeamId } = parsed.data;
  try {
    let definition: Record<string, unknown> | undefined;
    if (templateId) {
      const template = workflowTemplates.find((t) => t.id === templateId);
      if (!template) return { ok: false, error: 'Unknown template', fieldErrors: { templateId: 'Unknown template' } };
      const catalog = await loadCatalog(m.tenant);
      const params = { firstTeamId, secondTeamId: secondTeamId ?? firstTeamId, teamId: firstTeamId };
      const known = (id: string | undefined) => !!id && catalog.teams.some((t) => t.id === id);
      if (!known(params.firstTeamId)) return { ok: false, error: 'Pick a team', fieldErrors: { firstTeamId: 'Pick a team' } };
      if (templateId === 'reassign-if-no-reply' && !known(secondTeamId)) {
        return { ok: false, error: 'Pick a second team', fieldErrors: { secondTeamId: 'Pick a team' } };
      }
      // Template params are the union of all templates'; each build reads what it needs.
      definition = template.build({ ...(params as { firstTeamId: string; secondTeamId: string; teamId: string }), catalog }) as unknown as Record<string, unknown>;
    }
    const created = await createWorkflow(m.tenant, { name, ...(definition ? { definition: definition as never } : {}) }, m.user.id);
    revalidatePath('/workflows');
    return ok({ id: created.id });
  } catch (e) {
    return fromError(e);
  }
}

export async function renameWorkflowAction(id: string, name: string): Promise<ActionResult> {
  const m = await requireMember('workflows.manage');
  const parsed = z.string().trim().min(1, 'Name is required').max(120).safeParse(name);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? 'Invalid name', fieldErrors: { name: parsed.error.issues[0]?.message ?? 'Invalid name' } };
  try {
    requireWorkflowIds({ workflowId: id });
    await updateWorkflow(m.tenant, id, { name: parsed.data }, m.user.id);
    revalidatePath('/workflows');
    return ok();
  } catch (e) {
    return fromError(e);
  }
}

export async function duplicateWorkflowAction(id: string): Promise<ActionResult<{ id: string }>> {
  const m = await requireMember('workflows.manage');
  try {
    requireWorkflowIds({ workflowId: id });
    const copy = await duplicateWorkflow(m.tenant, id, m.user.id);
    revalidatePath('/workflows');
    return ok({ id: copy.id });
  } catch (e) {
    return fromError(e);
  }
}

export async function deleteWorkflowAction(id: string): Promise<ActionResult> {
  const m = await requireMember('workflows.manage');
  try {
    requireWorkflowIds({ workflowId: id });
    await deleteWorkflow(m.tenant, id);
    revalidatePath('/workflows');
    return ok();
  } catch (e) {
    return fromError(e);
  }
}
