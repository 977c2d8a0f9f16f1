import { and, eq } from 'drizzle-orm';
import { parseDefinition, type WorkflowDefinition } from '@baton/engine';
import { workflowVersions, workflows } from '../schema';
import type { TenantTx } from '../tenancy/tenant';
import type { RunRow } from './run-types';

/** The definition a run executes: always the version it started on, never the draft. */
export async function loadRunVersion(
  tx: TenantTx,
  run: Pick<RunRow, 'workflowVersionId'>,
): Promise<{ definition: WorkflowDefinition; workflowName: string }> {
  const [version] = await tx.db
    .select({ definition: workflowVersions.definition, workflowName: workflows.name })
    .from(workflowVersions)
    .innerJoin(workflows, eq(workflows.id, workflowVersions.workflowId))
    .where(and(eq(workflowVersions.workspaceId, tx.workspaceId), eq(workflowVersions.id, run.workflowVersionId)));
  if (!version) throw new Error(`workflow version ${run.workflowVersionId} is missing`);
  return { definition: parseDefinition(version.definition), workflowName: version.workflowName };
}
