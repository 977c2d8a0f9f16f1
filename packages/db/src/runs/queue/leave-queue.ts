import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { runSteps, teams, workflowRuns } from '../../schema';
import type { TenantTx } from '../../tenancy/tenant';

/** What the run log keeps when a conversation leaves a queue other than by its assign step. */
export type QueueLeftDecision = { kind: 'queue_left'; explanation: string; actorUserId: string | null };

/**
 * A queued conversation was assigned by a person (or the API): its runs waiting in a queue
 * stop there, once, with the reason in their log and as their error. The caller holds the
 * conversation lock, so a drain or the queue's timeout either ran first (the run is no
 * longer queued) or will find the run cancelled.
 */
export async function leaveQueueForConversation(
  tx: TenantTx,
  conversationId: string,
  why: string,
  actorUserId: string | null,
): Promise<string[]> {
  const queued = await tx.db
    .select()
    .from(workflowRuns)
    .where(
      and(
        eq(workflowRuns.workspaceId, tx.workspaceId),
        eq(workflowRuns.conversationId, conversationId),
        eq(workflowRuns.status, 'waiting'),
        sql`(${workflowRuns.state}->'queue'->>'pool') is not null`,
      ),
    )
    .for('update');
  if (queued.length === 0) return [];
  const teamIds = queued.flatMap((r) => (r.state.queue?.pool.startsWith('team:') ? [r.state.queue.pool.slice(5)] : []));
  const teamNames = new Map(
    teamIds.length
      ? (await tx.db.select({ id: teams.id, name: teams.name }).from(teams).where(and(eq(teams.workspaceId, tx.workspaceId), inArray(teams.id, teamIds)))).map((t) => [t.id, t.name])
      : [],
  );
  for (const run of queued) {
    const pool = run.state.queue!.pool;
    const label = pool === 'workspace' ? 'the workspace' : (teamNames.get(pool.slice(5)) ?? 'its team');
    const explanation = `Left the ${label} queue: ${why}.`;
    const state = { ...run.state, queue: null, stepsExecuted: run.state.stepsExecuted + 1 };
    await tx.db
      .update(runSteps)
      .set({ finishedAt: sql`now()` })
      .where(and(eq(runSteps.workspaceId, tx.workspaceId), eq(runSteps.runId, run.id), isNull(runSteps.finishedAt)));
    const decision: QueueLeftDecision = { kind: 'queue_left', explanation, actorUserId };
    await tx.db.insert(runSteps).values({
      workspaceId: tx.workspaceId,
      runId: run.id,
      seq: state.stepsExecuted,
      stepId: run.currentStepId ?? '',
      stepType: 'queue',
      output: null,
      decision,
      effects: [],
      actorUserId,
      startedAt: sql`now()`,
      finishedAt: sql`now()`,
    });
    await tx.db
      .update(workflowRuns)
      .set({ status: 'cancelled', state, error: explanation, wakeAt: null, finishedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(workflowRuns.workspaceId, tx.workspaceId), eq(workflowRuns.id, run.id)));
  }
  return queued.map((r) => r.id);
}
