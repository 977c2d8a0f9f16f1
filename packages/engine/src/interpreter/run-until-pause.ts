import type { StepType, WorkflowDefinition } from '../schema/workflow-definition';
import { applyEffectsToSnapshot } from './apply-effects';
import { executeStep, type StepOutcome } from './execute-step';
import { findStep } from './graph';
import type { RunState, Snapshot } from './snapshot';
import { stepRequirements } from './step-requirements';

/** Bound on steps per run: jumps are bounded per step, this bounds everything else. */
export const MAX_STEPS_PER_RUN = 500;

export type PlannedStep = {
  /** The step's sequence number in the run (`run_steps.seq`). */
  seq: number;
  stepId: string;
  stepType: StepType;
  outcome: StepOutcome;
  /** Assignee before the step ("assigned" vs "reassigned"). */
  assigneeBefore: string | null;
  /** The run sleeps in this step (its `run_steps` row stays unfinished until the timer fires). */
  waiting: boolean;
};

export type RunEnd =
  | { status: 'waiting'; stepId: string; resumeStepId: string | null; wakeAt: number }
  | { status: 'completed' }
  /** The run stops at `stepId`; a retry starts there. */
  | { status: 'failed'; stepId: string; error: string };

export type RunPlan = { steps: PlannedStep[]; end: RunEnd; state: RunState; snapshot: Snapshot };

export type RunUntilPauseInput = {
  definition: WorkflowDefinition;
  /** Named in the error of a run whose step is missing from its version. */
  versionId: string;
  startStepId: string | null;
  /** Must hold every pool the run can reach before it pauses (requirementsUntilWait). */
  snapshot: Snapshot;
  state: RunState;
  maxSteps?: number;
};

/**
 * The one loop that runs a workflow: from `startStepId` to its next wait or its end, in
 * memory. Starts, resumes and retries all go through it; the adapter writes exactly what it
 * returns. Each step sees the effects of the steps before it (mirrored into the snapshot).
 */
export function runUntilPause(input: RunUntilPauseInput): RunPlan {
  const { definition, maxSteps = MAX_STEPS_PER_RUN } = input;
  let snapshot = input.snapshot;
  let state = input.state;
  let stepId = input.startStepId;
  const steps: PlannedStep[] = [];
  while (stepId) {
    const step = findStep(definition, stepId);
    // A run resumed against a version without its step: stop there, visibly, rather than guess.
    if (!step) return { steps, state, snapshot, end: { status: 'failed', stepId, error: `Step ${stepId} is not in version ${input.versionId}` } };
    if (state.stepsExecuted >= maxSteps) return { steps, state, snapshot, end: { status: 'failed', stepId, error: `Stopped after ${maxSteps} steps` } };
    // An adapter bug, not a routing outcome: an absent pool would read as "no one available".
    for (const key of stepRequirements(step).pools)
      if (!snapshot.pools[key]) throw new Error(`Pool ${key} was not loaded for step ${stepId}`);
    const outcome = executeStep({ definition, stepId, snapshot, state });
    const waiting = outcome.next.type === 'wait';
    steps.push({
      seq: outcome.state.stepsExecuted,
      stepId,
      stepType: step.type,
      outcome,
      assigneeBefore: snapshot.conversation.assigneeId,
      waiting,
    });
    snapshot = applyEffectsToSnapshot(snapshot, outcome.effects);
    state = outcome.state;
    if (outcome.next.type === 'wait') {
      const { resumeStepId, until } = outcome.next;
      return { steps, state, snapshot, end: { status: 'waiting', stepId, resumeStepId, wakeAt: until } };
    }
    stepId = outcome.next.stepId;
  }
  return { steps, state, snapshot, end: { status: 'completed' } };
}
