import {
  applyEffectsToSnapshot,
  executeStep,
  findStep,
  stepRequirements,
  type Effect,
  type RunState,
  type Snapshot,
  type StepOutcome,
  type WorkflowDefinition,
} from '@baton/engine';
import { MAX_STEPS_PER_RUN } from '../run-types';

export type PlannedStep = {
  seq: number;
  stepId: string;
  stepType: string;
  outcome: StepOutcome;
  /** Assignee before the step ("assigned" vs "reassigned"). */
  assigneeBefore: string | null;
  waiting: boolean;
};

export type PlannedEnd =
  | { status: 'waiting'; stepId: string; resumeStepId: string | null; wakeAt: number }
  | { status: 'completed' }
  | { status: 'failed'; stepId: string; error: string };

export type RunPlan =
  | { kind: 'planned'; steps: PlannedStep[]; end: PlannedEnd; state: RunState; snapshot: Snapshot }
  /**
   * Something the in-memory path does not write (closing a conversation cancels runs and
   * writes outbox events; a pool that was not preloaded needs its cursor lock): the run
   * goes through the step-by-step path after the batch's writes.
   */
  | { kind: 'deferred'; reason: string };

const BATCHABLE: ReadonlySet<Effect['type']> = new Set(['assign', 'unassign', 'comment', 'advance_cursor']);

/**
 * Runs a workflow from `startStepId` to its next wait or end, in memory — the same loop
 * as advanceRun, with every write left to the caller. Pure: the engine decides, the
 * caller writes exactly what this returns.
 */
export function planRun(input: {
  definition: WorkflowDefinition;
  versionId: string;
  startStepId: string | null;
  snapshot: Snapshot;
  state: RunState;
}): RunPlan {
  const { definition } = input;
  let snapshot = input.snapshot;
  let state = input.state;
  let stepId = input.startStepId;
  const steps: PlannedStep[] = [];
  while (stepId) {
    const step = findStep(definition, stepId);
    if (!step)
      return { kind: 'planned', steps, state, snapshot, end: { status: 'failed', stepId, error: `Step ${stepId} is not in version ${input.versionId}` } };
    if (state.stepsExecuted >= MAX_STEPS_PER_RUN)
      return { kind: 'planned', steps, state, snapshot, end: { status: 'failed', stepId, error: `Stopped after ${MAX_STEPS_PER_RUN} steps` } };
    for (const key of stepRequirements(step).pools)
      if (!snapshot.pools[key]) return { kind: 'deferred', reason: `pool ${key} not preloaded` };
    const outcome = executeStep({ definition, stepId, snapshot, state });
    const unbatchable = outcome.effects.find((e) => !BATCHABLE.has(e.type));
    if (unbatchable) return { kind: 'deferred', reason: `${unbatchable.type} effect` };
    steps.push({
      seq: outcome.state.stepsExecuted,
      stepId,
      stepType: step.type,
      outcome,
      assigneeBefore: snapshot.conversation.assigneeId,
      waiting: outcome.next.type === 'wait',
    });
    snapshot = applyEffectsToSnapshot(snapshot, outcome.effects);
    state = outcome.state;
    if (outcome.next.type === 'wait')
      return {
        kind: 'planned',
        steps,
        state,
        snapshot,
        end: { status: 'waiting', stepId, resumeStepId: outcome.next.resumeStepId, wakeAt: outcome.next.until },
      };
    stepId = outcome.next.stepId;
  }
  return { kind: 'planned', steps, state, snapshot, end: { status: 'completed' } };
}
