import { and, eq, isNull, sql } from 'drizzle-orm';
import { runSteps, workflowRuns } from '../schema';
import { inTransaction, type Tenant } from '../tenancy/tenant';
import { lockConversation } from '../conversations/lock-conversation';
import { advanceRun } from './advance-run';
import { loadRunVersion } from './load-run-version';
import { dbNow } from './db-clock';
import type { AdvanceResult } from './run-types';

export type ResumeResult =
  | { outcome: 'resumed'; result: AdvanceResult }
  /** The timer no longer matches the run (fired already, cancelled, or a newer wait). */
  | { outcome: 'stale' }
  /** Due later by the database clock: re-delay instead of firing early. */
  | { outcome: 'early'; remainingMs: number };

/**
 * A wait's timer fired. Under the conversation lock, re-read the run: only the timer
 * named by the run's current wait sequence may continue it, and only once it is due.
 */
export function resumeWaitingRun(
  t: Tenant,
  runId: string,
  waitSeq: number,
  opts: { force?: boolean } = {},
): Promise<ResumeResult> {
  return inTransaction(t, async (tx) => {
    const [peek] = await tx.db
      .select({ conversationId: workflowRuns.conversationId })
      .from(workflowRuns)
      .where(and(eq(workflowRuns.workspaceId, tx.workspaceId), eq(workflowRuns.id, runId)));
    if (!peek) return { outcome: 'stale' };
    const conversation = await lockConversation(tx, peek.conversationId);
    const [run] = await tx.db
      .select()
      .from(workflowRuns)
      .where(and(eq(workflowRuns.workspaceId, tx.workspaceId), eq(workflowRuns.id, runId)))
      .for('update');
    if (!run || run.status !== 'waiting' || run.waitSeq !== waitSeq || !run.wakeAt)
      return { outcome: 'stale' };
    const now = await dbNow(tx);
    if (!opts.force && now < run.wakeAt.getTime())
      return { outcome: 'early', remainingMs: run.wakeAt.getTime() - now };

    const version = await loadRunVersion(tx, run);
    await tx.db
      .update(runSteps)
      .set({ finishedAt: sql`now()` })
      .where(
        and(
          eq(runSteps.workspaceId, tx.workspaceId),
          eq(runSteps.runId, run.id),
          eq(runSteps.stepId, run.currentStepId ?? ''),
          isNull(runSteps.finishedAt),
        ),
      );
    await tx.db
      .update(workflowRuns)
      .set({ status: 'running', wakeAt: null, updatedAt: sql`now()` })
      .where(and(eq(workflowRuns.workspaceId, tx.workspaceId), eq(workflowRuns.id, run.id)));
    const result = await advanceRun(tx, {
      run: { ...run, status: 'running' },
      conversation,
      definition: version.definition,
      workflowName: version.workflowName,
      startStepId: run.resumeStepId,
    });
    return { outcome: 'resumed', result };
  });
}
