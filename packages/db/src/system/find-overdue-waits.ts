import { and, asc, eq, lt, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { workflowRuns } from '../schema';
import type { ScheduledWait } from '../runs/run-types';

/**
 * Cross-tenant by design: the reconciler's scan for waits that are past due by more than
 * `graceMs` and so probably lost their timer (e.g. Redis lost data). Re-enqueueing under
 * the same job id is harmless when the job does exist.
 */
export async function findOverdueWaits(db: Database, graceMs: number, limit = 1000): Promise<ScheduledWait[]> {
  const rows = await db
    .select({
      workspaceId: workflowRuns.workspaceId,
      runId: workflowRuns.id,
      waitSeq: workflowRuns.waitSeq,
      wakeAt: workflowRuns.wakeAt,
    })
    .from(workflowRuns)
    .where(and(eq(workflowRuns.status, 'waiting'), lt(workflowRuns.wakeAt, sql`now() - make_interval(secs => ${graceMs / 1000})`)))
    .orderBy(asc(workflowRuns.wakeAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, wakeAt: r.wakeAt! }));
}

/** Every pending wait, for rebuilding the timer queue from scratch. */
export async function findAllWaits(db: Database, afterRunId: string | null, limit = 5000): Promise<ScheduledWait[]> {
  const rows = await db
    .select({
      workspaceId: workflowRuns.workspaceId,
      runId: workflowRuns.id,
      waitSeq: workflowRuns.waitSeq,
      wakeAt: workflowRuns.wakeAt,
    })
    .from(workflowRuns)
    .where(and(eq(workflowRuns.status, 'waiting'), afterRunId ? sql`${workflowRuns.id} > ${afterRunId}` : undefined))
    .orderBy(asc(workflowRuns.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, wakeAt: r.wakeAt! }));
}
