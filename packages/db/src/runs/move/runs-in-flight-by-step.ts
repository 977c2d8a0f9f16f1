import { and, eq, inArray, sql } from 'drizzle-orm';
import type { InFlightAtStep } from '@baton/engine';
import { workflowRuns } from '../../schema';
import type { Tenant } from '../../tenancy/tenant';

/** Runs in flight on one version, counted per step they are at (one grouped read on the in-flight index). */
export async function runsInFlightByStep(t: Tenant, workflowId: string, versionId: string): Promise<InFlightAtStep[]> {
  const rows = await t.db
    .select({
      stepId: workflowRuns.currentStepId,
      waiting: sql<number>`count(*) filter (where ${workflowRuns.status} = 'waiting')::int`,
      running: sql<number>`count(*) filter (where ${workflowRuns.status} = 'running')::int`,
    })
    .from(workflowRuns)
    .where(
      and(
        eq(workflowRuns.workspaceId, t.workspaceId),
        eq(workflowRuns.workflowId, workflowId),
        eq(workflowRuns.workflowVersionId, versionId),
        inArray(workflowRuns.status, ['waiting', 'running']),
      ),
    )
    .groupBy(workflowRuns.currentStepId);
  return rows.map((r) => ({ stepId: r.stepId ?? '(starting)', waiting: r.waiting, running: r.running }));
}
