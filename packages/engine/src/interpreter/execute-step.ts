import type { StepType, WorkflowDefinition } from '../schema/workflow-definition';
import type { StepContext, StepNext } from '../steps/step-definition';
import { looseDefinition, type Decision } from '../steps/step-registry';
import type { Effect } from './effects';
import { findStep, nextStepId } from './graph';
import type { RunState, Snapshot } from './snapshot';

export type { Decision } from '../steps/step-registry';
export type { StepNext } from '../steps/step-definition';

export interface StepOutcome {
  stepId: string;
  stepType: StepType;
  effects: Effect[];
  decision: Decision;
  output: string | null;
  next: StepNext;
  state: RunState;
}

export interface ExecuteStepInput {
  definition: WorkflowDefinition;
  stepId: string;
  snapshot: Snapshot;
  state: RunState;
}

export class UnknownStepError extends Error {
  constructor(readonly stepId: string) {
    super(`Step "${stepId}" does not exist in this workflow definition`);
    this.name = 'UnknownStepError';
  }
}

/**
 * What a step sees. A class rather than a literal with a `follow` closure: under tsx
 * (keepNames) every such closure costs a defineProperty call per step run.
 */
class RunStepContext implements StepContext {
  constructor(
    private readonly definition: WorkflowDefinition,
    readonly stepId: string,
    readonly snapshot: Snapshot,
    readonly state: RunState,
  ) {}

  follow(handle: string): string | null {
    return nextStepId(this.definition, this.stepId, handle);
  }
}

/** Runs one step: its registry entry decides; this only counts it and wires its edges. */
export function executeStep({ definition, stepId, snapshot, state: stateIn }: ExecuteStepInput): StepOutcome {
  const step = findStep(definition, stepId);
  // A missing step means the adapter resumed a run against the wrong definition version:
  // a bug to surface loudly, not a runtime path to route around.
  if (!step) throw new UnknownStepError(stepId);
  const state: RunState = { ...stateIn, stepsExecuted: stateIn.stepsExecuted + 1 };
  const result = looseDefinition(step.type).execute(step.config, new RunStepContext(definition, stepId, snapshot, state));
  return { stepId, stepType: step.type, effects: result.effects, decision: result.decision, output: result.output, next: result.next, state: result.state };
}
