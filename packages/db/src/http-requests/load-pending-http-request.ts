import { and, eq } from 'drizzle-orm';
import type { PendingHttpRequest } from '@baton/engine';
import { workflowRuns } from '../schema';
import type { Tenant } from '../tenancy/tenant';

/** The request a run paused on, if it is still paused on it (this wait sequence). */
export async function loadPendingHttpRequest(t: Tenant, runId: string, waitSeq: number): Promise<PendingHttpRequest | null> {
  const [row] = await t.db
    .select({ status: workflowRuns.status, waitSeq: workflowRuns.waitSeq, state: workflowRuns.state })
    .from(workflowRuns)
    .where(and(eq(workflowRuns.workspaceId, t.workspaceId), eq(workflowRuns.id, runId)));
  if (!row || row.status !== 'waiting' || row.waitSeq !== waitSeq) return null;
  return row.state.pendingHttp ?? null;
}
