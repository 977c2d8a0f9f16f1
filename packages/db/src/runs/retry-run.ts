import { and, eq, sql } from 'drizzle-orm';
import { workflowRuns } from '../schema';
import { inTransaction, type Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { lockRun } from './lock-run';
import { recordRunAction } from './record-run-action';
import { afterCommit, type WithAfterCommit } from '../committed';
import type { ScheduledWait } from './run-types';

/**
 * A person retries a failed run from the step it failed at (`current_step_id` is kept on
 * failure). The run continues on its own version — versions are immutable — with its state
 * (tried agents, jump counts) intact, so a retry does not hand the conversation back to
 * someone who was already tried.
 *
 * The retry itself is a wait that is due now, resuming at the failed step: the worker runs it
 * through the same batch as every timer (one loop, one writer; the web never runs the
 * engine), and if the caller's enqueue of the returned wait is lost, the overdue-wait
 * reconciler finds it — as durable as "fire now".
 */
export function retryRun(t: Tenant, runId: string, actorUserId: string): Promise<WithAfterCommit<{ wait: ScheduledWait }>> {
  return inTransaction(t, async (tx) => {
    const { run, conversation } = await lockRun(tx, runId);
    if (run.status !== 'failed') {
      throw new DomainError('conflict', `Only a failed run can be retried; this one is ${run.status}`);
    }
    if (!run.currentStepId) throw new DomainError('conflict', 'This run has no step to retry from');
    if (conversation.status === 'closed') {
      throw new DomainError('conflict', 'The conversation is closed; reopen it before retrying');
    }
    const failedStepId = run.currentStepId;
    const previousError = run.error;
    await recordRunAction(tx, run, 'retry', actorUserId, (name) => ({
      explanation: `${name} retried the run from step ${failedStepId}${previousError ? ` (it had failed: ${previousError})` : ''}.`,
    }));
    const [row] = await tx.db
      .update(workflowRuns)
      .set({
        status: 'waiting',
        error: null,
        finishedAt: null,
        resumeStepId: failedStepId,
        wakeAt: sql`now()`,
        waitSeq: sql`${workflowRuns.waitSeq} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(workflowRuns.workspaceId, tx.workspaceId), eq(workflowRuns.id, run.id)))
      .returning({ waitSeq: workflowRuns.waitSeq, wakeAt: workflowRuns.wakeAt });
    const wait = { workspaceId: tx.workspaceId, runId: run.id, waitSeq: row!.waitSeq, wakeAt: row!.wakeAt! };
    return { wait, afterCommit: afterCommit(tx.workspaceId, { waits: [wait] }) };
  });
}
