import type { WorkflowDefinition } from '../schema/workflow-definition';
import { applyEffectsToSnapshot } from './apply-effects';
import { executeStep, type StepOutcome } from './execute-step';
import type { RunState, Snapshot } from './snapshot';

export type Pause =
  | { type: 'completed' }
  | { type: 'wait'; until: number; resumeStepId: string | null }
  // Should be unreachable for a validated definition; kept as a guard against bad data.
  | { type: 'step_limit'; stepId: string };

export interface AdvanceInput {
  definition: WorkflowDefinition;
  startStepId: string | null;
  snapshot: Snapshot;
  state: RunState;
  maxSteps?: number;
}

export interface AdvanceResult {
  outcomes: StepOutcome[];
  pause: Pause;
  snapshot: Snapshot;
  state: RunState;
}

export function advance({ definition, startStepId, snapshot, state, maxSteps = 200 }: AdvanceInput): AdvanceResult {
  const outcomes: StepOutcome[] = [];
  let current = startStepId;
  let s = snapshot;
  let st = state;
  while (current !== null) {
    if (outcomes.length >= maxSteps) return { outcomes, pause: { type: 'step_limit', stepId: current }, snapshot: s, state: st };
    const outcome = executeStep({ definition, stepId: current, snapshot: s, state: st });
    outcomes.push(outcome);
    s = applyEffectsToSnapshot(s, outcome.effects);
    st = outcome.state;
    if (outcome.next.type === 'wait') {
      return { outcomes, pause: { ...outcome.next }, snapshot: s, state: st };
    }
    current = outcome.next.stepId;
  }
  return { outcomes, pause: { type: 'completed' }, snapshot: s, state: st };
}
