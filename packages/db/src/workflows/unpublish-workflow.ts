import { and, eq, inArray, sql } from 'drizzle-orm';
import { workflowRuns, workflows } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { findWorkflow } from './find-workflow';

export async function countRunsInFlight(t: Tenant, workflowId: string): Promise<number> {
  const [row] = await t.db
    .select({ n: sql<number>`count(*)::int` })
    .from(workflowRuns)
    .where(
      and(
        eq(workflowRuns.workspaceId, t.workspaceId),
        eq(workflowRuns.workflowId, workflowId),
        inArray(workflowRuns.status, ['running', 'waiting']),
      ),
    );
  return row?.n ?? 0;
}

/** Stops new runs; runs in flight finish on the version they started on. */
export async function unpublishWorkflow(
  t: Tenant,
  workflowId: string,
): Promise<{ runsInFlight: number }> {
  await findWorkflow(t, workflowId);
  await t.db
    .update(workflows)
    .set({ status: 'stopped', updatedAt: sql`now()` })
    .where(and(eq(workflows.workspaceId, t.workspaceId), eq(workflows.id, workflowId)));
  return { runsInFlight: await countRunsInFlight(t, workflowId) };
}
