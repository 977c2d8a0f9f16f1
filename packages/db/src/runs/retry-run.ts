import { and, eq, sql } from 'drizzle-orm';
import { workflowRuns } from '../schema';
import { inTransaction, type Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { lockRun } from './lock-run';
import { recordRunAction } from './record-run-action';
import { advanceRun } from './advance-run';
import { loadRunVersion } from './load-run-version';
import type { AdvanceResult } from './run-types';

/**
 * A person retries a failed run from the step it failed at (`current_step_id` is kept on
 * failure). The run continues on its own version — versions are immutable — with its state
 * (tried agents, jump counts) intact, so a retry does not hand the conversation back to
 * someone who was already tried. The caller schedules the returned wait, if any.
 */
export function retryRun(t: Tenant, runId: string, actorUserId: string): Promise<AdvanceResult> {
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
    const state = await recordRunAction(tx, run, 'retry', actorUserId, (name) => ({
      explanation: `${name} retried the run from step ${failedStepId}${previousError ? ` (it had failed: ${previousError})` : ''}.`,
    }));
    const version = await loadRunVersion(tx, run);
    await tx.db
      .update(workflowRuns)
      .set({ status: 'running', error: null, finishedAt: null, updatedAt: sql`now()` })
      .where(and(eq(workflowRuns.workspaceId, tx.workspaceId), eq(workflowRuns.id, run.id)));
    return advanceRun(tx, {
      run: { ...run, status: 'running', error: null, finishedAt: null, state },
      conversation,
      definition: version.definition,
      workflowName: version.workflowName,
      startStepId: failedStepId,
    });
  });
}
