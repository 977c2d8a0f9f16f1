import { validateDefinition, type Problem } from '@baton/engine';
import type { z } from 'zod';
import { workflows } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { loadCatalog } from './load-catalog';
import { createWorkflowSchema, emptyDefinition } from './workflow-input';

export async function createWorkflow(
  t: Tenant,
  input: z.input<typeof createWorkflowSchema>,
  actorUserId: string | null,
): Promise<{ id: string; problems: Problem[] }> {
  const parsed = createWorkflowSchema.parse(input);
  const definition = parsed.definition ?? emptyDefinition();
  const [row] = await t.db
    .insert(workflows)
    .values({
      workspaceId: t.workspaceId,
      name: parsed.name,
      description: parsed.description ?? null,
      draftDefinition: definition,
      createdBy: actorUserId,
      updatedBy: actorUserId,
    })
    .returning({ id: workflows.id });
  return { id: row!.id, problems: validateDefinition(definition, await loadCatalog(t)) };
}
