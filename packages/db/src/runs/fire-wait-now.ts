import { and, eq, sql } from 'drizzle-orm';
import { workflowRuns } from '../schema';
import { inTransaction, type Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { lockRun } from './lock-run';
import { recordRunAction } from './record-run-action';
import type { ScheduledWait } from './run-types';
import { afterCommit, type WithAfterCommit } from '../committed';

/**
 * A person fires a pending timer now. This only moves the wait's due time to the database's
 * `now()` and logs who did it; the timer itself still runs through the worker: the receipt's
 * `firedWaits` has the hand-off make its queued job due at once (or re-create it). If that is
 * lost, the overdue-wait reconciler finds a wait whose due time has passed, so "fire now" is
 * as durable as any other timer.
 *
 * `waitSeq` names the timer the person saw: if the run has since moved on to another wait
 * (or finished), firing would act on something they never looked at, so it is refused.
 */
export function fireWaitNow(
  t: Tenant,
  runId: string,
  waitSeq: number,
  actorUserId: string,
): Promise<WithAfterCommit<{ wait: ScheduledWait }>> {
  return inTransaction(t, async (tx) => {
    const { run } = await lockRun(tx, runId);
    if (run.status !== 'waiting' || !run.wakeAt) {
      throw new DomainError('conflict', `This run is ${run.status}: there is no pending timer to fire`);
    }
    if (run.waitSeq !== waitSeq) {
      throw new DomainError('conflict', 'This timer has already fired; the run is waiting on a newer one');
    }
    const wasDueAt = run.wakeAt.toISOString();
    await recordRunAction(tx, run, 'fire_now', actorUserId, (name) => ({
      explanation: `${name} fired the timer now (it was due at ${wasDueAt}).`,
      wasDueAt,
    }));
    const [row] = await tx.db
      .update(workflowRuns)
      .set({ wakeAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(workflowRuns.workspaceId, tx.workspaceId), eq(workflowRuns.id, run.id)))
      .returning({ wakeAt: workflowRuns.wakeAt });
    const wait = { workspaceId: tx.workspaceId, runId: run.id, waitSeq: run.waitSeq, wakeAt: row!.wakeAt! };
    return { wait, afterCommit: afterCommit(tx.workspaceId, { firedWaits: [wait] }) };
  });
}
