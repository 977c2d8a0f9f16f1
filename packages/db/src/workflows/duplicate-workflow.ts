import { workflows } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { findWorkflow } from './find-workflow';

export async function duplicateWorkflow(
  t: Tenant,
  workflowId: string,
  actorUserId: string | null,
): Promise<{ id: string }> {
  const source = await findWorkflow(t, workflowId);
  const [row] = await t.db
    .insert(workflows)
    .values({
      workspaceId: t.workspaceId,
      name: `${source.name} (copy)`.slice(0, 120),
      description: source.description,
      draftDefinition: source.draftDefinition,
      createdBy: actorUserId,
      updatedBy: actorUserId,
    })
    .returning({ id: workflows.id });
  return { id: row!.id };
}
