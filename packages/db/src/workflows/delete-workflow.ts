import { and, eq } from 'drizzle-orm';
import { workflows } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { findWorkflow } from './find-workflow';

/** Deletes the workflow with its versions and runs (conversations and their events stay). */
export async function deleteWorkflow(t: Tenant, workflowId: string): Promise<void> {
  await findWorkflow(t, workflowId);
  await t.db
    .delete(workflows)
    .where(and(eq(workflows.workspaceId, t.workspaceId), eq(workflows.id, workflowId)));
}
