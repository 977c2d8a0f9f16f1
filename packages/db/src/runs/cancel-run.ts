import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { runSteps, workflowRuns } from '../schema';
import { inTransaction, type Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { lockRun } from './lock-run';
import { recordRunAction } from './record-run-action';
import { afterCommit, type WithAfterCommit } from '../committed';

export type CancelRunResult = WithAfterCommit<{
  runId: string;
  /** The timer that was pending (its queued job is removed by the hand-off: `cancelledWaits`). */
  cancelledWait: { waitSeq: number } | null;
}>;

/**
 * A person stops a run. Under the conversation lock, so a timer firing at the same moment
 * either ran first (and the run is no longer cancellable, or is waiting again) or finds the
 * run cancelled and does nothing. Removing the queued job afterwards is only tidiness: the
 * worker would find the run cancelled anyway.
 */
export function cancelRun(t: Tenant, runId: string, actorUserId: string): Promise<CancelRunResult> {
  return inTransaction(t, async (tx) => {
    const { run } = await lockRun(tx, runId);
    if (run.status !== 'waiting' && run.status !== 'running') {
      throw new DomainError('conflict', `This run is already ${run.status}`);
    }
    let actor = 'Someone';
    await recordRunAction(tx, run, 'cancel', actorUserId, (name) => {
      actor = name;
      return { explanation: `${name} cancelled the run.` };
    });
    // The wait step's row stays open while waiting; close it so its duration shows.
    await tx.db
      .update(runSteps)
      .set({ finishedAt: sql`now()` })
      .where(
        and(
          eq(runSteps.workspaceId, tx.workspaceId),
          eq(runSteps.runId, run.id),
          // A wait step, or an assign step holding the run in its queue.
          inArray(runSteps.stepType, ['wait', 'assign']),
          isNull(runSteps.finishedAt),
        ),
      );
    await tx.db
      .update(workflowRuns)
      .set({
        status: 'cancelled',
        error: `Cancelled by ${actor}`,
        wakeAt: null,
        finishedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(workflowRuns.workspaceId, tx.workspaceId), eq(workflowRuns.id, run.id)));
    const cancelledWait = run.status === 'waiting' ? { waitSeq: run.waitSeq } : null;
    return {
      runId: run.id,
      cancelledWait,
      afterCommit: afterCommit(tx.workspaceId, { cancelledWaits: cancelledWait ? [{ runId: run.id, waitSeq: cancelledWait.waitSeq }] : [] }),
    };
  });
}
