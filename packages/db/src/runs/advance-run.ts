import { and, eq, sql } from 'drizzle-orm';
import {
  applyEffectsToSnapshot,
  executeStep,
  MAX_STEPS_PER_RUN,
  findStep,
  stepRequirements,
  type RunState,
  type Snapshot,
  type WorkflowDefinition,
} from '@baton/engine';
import { runSteps, workflowRuns } from '../schema';
import type { TenantTx } from '../tenancy/tenant';
import type { ConversationRow } from '../conversations/lock-conversation';
import { loadSnapshot } from './load-snapshot';
import { loadPool } from './load-pool';
import { applyEffects } from './apply-effects';
import type { AdvanceResult, RunRow } from './run-types';

type AdvanceInput = {
  run: RunRow;
  conversation: ConversationRow;
  definition: WorkflowDefinition;
  workflowName: string;
  startStepId: string | null;
};

/**
 * Runs steps from `startStepId` until a wait, the end, or a failure — all inside the
 * caller's transaction, which already holds the conversation and run row locks. The
 * engine decides; this function only loads state and writes what was decided.
 */
export async function advanceRun(tx: TenantTx, input: AdvanceInput): Promise<AdvanceResult> {
  const { run, definition } = input;
  let snapshot: Snapshot = await loadSnapshot(tx, input.conversation, {
    id: run.workflowId,
    name: input.workflowName,
  });
  let state: RunState = run.state;
  let stepId = input.startStepId;
  const outboxEventIds: string[] = [];
  const ref = { runId: run.id, conversationId: input.conversation.id };

  while (stepId) {
    const step = findStep(definition, stepId);
    if (!step)
      return finish(
        tx,
        ref,
        'failed',
        `Step ${stepId} is not in version ${run.workflowVersionId}`,
        outboxEventIds,
        { stepId, state },
      );
    if (state.stepsExecuted >= MAX_STEPS_PER_RUN) {
      return finish(
        tx,
        ref,
        'failed',
        `Stopped after ${MAX_STEPS_PER_RUN} steps`,
        outboxEventIds,
        { stepId, state },
      );
    }
    for (const key of stepRequirements(step).pools) {
      if (!snapshot.pools[key])
        snapshot = { ...snapshot, pools: { ...snapshot.pools, [key]: await loadPool(tx, key) } };
    }
    const outcome = executeStep({ definition, stepId, snapshot, state });
    const seq = outcome.state.stepsExecuted;
    const stepStarted = new Date(snapshot.now);
    await tx.db.insert(runSteps).values({
      workspaceId: tx.workspaceId,
      runId: run.id,
      seq,
      stepId,
      stepType: step.type,
      output: outcome.output,
      decision: outcome.decision,
      effects: outcome.effects,
      startedAt: stepStarted,
      finishedAt: outcome.next.type === 'wait' ? null : stepStarted,
    });
    outboxEventIds.push(
      ...(await applyEffects(
        tx,
        {
          runId: run.id,
          stepId,
          effectKey: `${run.id}:${seq}`,
          conversationId: input.conversation.id,
          assigneeBefore: snapshot.conversation.assigneeId,
          explanation: 'explanation' in outcome.decision ? outcome.decision.explanation : '',
        },
        outcome.effects,
      )),
    );
    snapshot = applyEffectsToSnapshot(snapshot, outcome.effects);
    state = outcome.state;

    if (outcome.next.type === 'wait') {
      const [row] = await tx.db
        .update(workflowRuns)
        .set({
          status: 'waiting',
          currentStepId: stepId,
          resumeStepId: outcome.next.resumeStepId,
          wakeAt: new Date(outcome.next.until),
          waitSeq: sql`${workflowRuns.waitSeq} + 1`,
          state,
          updatedAt: sql`now()`,
        })
        .where(and(eq(workflowRuns.workspaceId, tx.workspaceId), eq(workflowRuns.id, run.id)))
        .returning({ waitSeq: workflowRuns.waitSeq, wakeAt: workflowRuns.wakeAt });
      return {
        runId: run.id,
        conversationId: input.conversation.id,
        status: 'waiting',
        wait: {
          workspaceId: tx.workspaceId,
          runId: run.id,
          waitSeq: row!.waitSeq,
          wakeAt: row!.wakeAt!,
        },
        outboxEventIds,
      };
    }
    // No write of the position between steps: this transaction holds the pool's cursor lock
    // from an assign step until commit, and each extra round trip lengthens every other
    // assigner's queue (bench/routing-probe.ts). The wait / finish update below records the
    // position; nothing outside this transaction can see the steps in between.
    stepId = outcome.next.stepId;
  }
  return finish(tx, ref, 'completed', null, outboxEventIds, { stepId: null, state });
}

async function finish(
  tx: TenantTx,
  ref: { runId: string; conversationId: string },
  status: 'completed' | 'failed',
  error: string | null,
  outboxEventIds: string[],
  position: { stepId: string | null; state: RunState },
): Promise<AdvanceResult> {
  await tx.db
    .update(workflowRuns)
    .set({
      status,
      error,
      wakeAt: null,
      resumeStepId: null,
      finishedAt: sql`now()`,
      updatedAt: sql`now()`,
      // A failed run keeps the step it failed at (retry starts there); a completed one has none.
      currentStepId: status === 'completed' ? null : position.stepId,
      state: position.state,
    })
    .where(and(eq(workflowRuns.workspaceId, tx.workspaceId), eq(workflowRuns.id, ref.runId)));
  return { ...ref, status, wait: null, outboxEventIds };
}
