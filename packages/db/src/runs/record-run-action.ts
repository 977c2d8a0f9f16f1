import { and, eq, sql } from 'drizzle-orm';
import { runSteps, users, workflowRuns, type RunStateJson } from '../schema';
import type { TenantTx } from '../tenancy/tenant';
import type { RunRow } from './run-types';

export type RunAction = 'fire_now' | 'cancel' | 'retry';

/** What a person did to a run, as stored in `run_steps.decision` of a `manual` row. */
export type ManualDecision = {
  kind: 'manual';
  action: RunAction;
  actorUserId: string;
  actorName: string;
  explanation: string;
  /** The wait's original due time, for "fire now". */
  wasDueAt?: string | null;
};

/**
 * Appends a person's action to the run log as a `manual` run_steps row. Step rows are
 * numbered by `state.stepsExecuted` (unique per run), so the log row takes the next number
 * and bumps the counter: the next executed step then cannot collide with it. The caller
 * holds the conversation and run locks.
 */
export async function recordRunAction(
  tx: TenantTx,
  run: RunRow,
  action: RunAction,
  actorUserId: string,
  describe: (actorName: string) => { explanation: string; wasDueAt?: string | null },
): Promise<RunStateJson> {
  const [actor] = await tx.db.select({ name: users.name }).from(users).where(eq(users.id, actorUserId));
  const actorName = actor?.name ?? 'Someone';
  const state: RunStateJson = { ...run.state, stepsExecuted: run.state.stepsExecuted + 1 };
  const decision: ManualDecision = { kind: 'manual', action, actorUserId, actorName, ...describe(actorName) };
  await tx.db.insert(runSteps).values({
    workspaceId: tx.workspaceId,
    runId: run.id,
    seq: state.stepsExecuted,
    stepId: run.currentStepId ?? run.resumeStepId ?? '',
    stepType: 'manual',
    output: action,
    decision,
    effects: [],
    actorUserId,
    startedAt: sql`now()`,
    finishedAt: sql`now()`,
  });
  await tx.db
    .update(workflowRuns)
    .set({ state, updatedAt: sql`now()` })
    .where(and(eq(workflowRuns.workspaceId, tx.workspaceId), eq(workflowRuns.id, run.id)));
  return state;
}
