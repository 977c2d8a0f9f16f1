import { and, eq, sql } from 'drizzle-orm';
import { validateDefinition, type Problem } from '@baton/engine';
import type { z } from 'zod';
import { workflows } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { findWorkflow } from './find-workflow';
import { loadCatalog } from './load-catalog';
import { updateWorkflowSchema } from './workflow-input';

/** Saves the draft (name, description, definition); the published version is untouched. */
export async function updateWorkflow(
  t: Tenant,
  workflowId: string,
  input: z.input<typeof updateWorkflowSchema>,
  actorUserId: string | null,
): Promise<{ problems: Problem[]; updatedAt: Date }> {
  const parsed = updateWorkflowSchema.parse(input);
  await findWorkflow(t, workflowId);
  const [row] = await t.db
    .update(workflows)
    .set({
      ...(parsed.name !== undefined ? { name: parsed.name } : {}),
      ...(parsed.description !== undefined ? { description: parsed.description } : {}),
      ...(parsed.definition !== undefined ? { draftDefinition: parsed.definition } : {}),
      updatedBy: actorUserId,
      updatedAt: sql`now()`,
    })
    .where(and(eq(workflows.workspaceId, t.workspaceId), eq(workflows.id, workflowId)))
    .returning({ draft: workflows.draftDefinition, updatedAt: workflows.updatedAt });
  return {
    problems: validateDefinition(row!.draft, await loadCatalog(t)),
    updatedAt: row!.updatedAt,
  };
}
