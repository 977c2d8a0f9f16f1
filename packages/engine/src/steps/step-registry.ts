import type { Catalog } from '../catalog';
import type { StepConfigOf, StepNode, StepType, WorkflowDefinition } from '../schema/workflow-definition';
import { assignStep } from './assign-step';
import { branchStep } from './branch-step';
import { closeStep } from './close-step';
import { commentStep } from './comment-step';
import { jumpStep } from './jump-step';
import type { StepDefinition } from './step-definition';
import { waitStep } from './wait-step';

export type StepRegistry = { [T in StepType]: StepDefinition<T, StepConfigOf<T>> };

// Adding a step type = a new file exporting its StepDefinition + one line here + one node
// schema in workflow-definition.ts + one case in the interpreter.
export const stepRegistry: StepRegistry = {
  assign: assignStep,
  wait: waitStep,
  branch: branchStep,
  comment: commentStep,
  close: closeStep,
  jump: jumpStep,
};

export function getStepDefinition<T extends StepType>(type: T): StepDefinition<T, StepConfigOf<T>> {
  return stepRegistry[type];
}

// The registry is keyed by type but TS can't correlate step.type with step.config through
// an indexed access, hence the single narrow cast here instead of at every call site.
function looseDefinition(type: StepType): StepDefinition<StepType, StepNode['config']> {
  return stepRegistry[type] as unknown as StepDefinition<StepType, StepNode['config']>;
}

export function stepOutputs(step: StepNode): string[] {
  return looseDefinition(step.type).outputs(step.config);
}

export function summarizeStep(
  step: StepNode,
  catalog?: Catalog,
  definition?: WorkflowDefinition,
  depth = 0,
): string {
  const describeStep = (stepId: string): string | null => {
    const target = definition?.steps.find((s) => s.id === stepId);
    if (!target) return null;
    // Jump → jump → … chains could recurse; one level of naming is enough for a label.
    if (target.name) return target.name;
    return depth > 0 ? target.id : summarizeStep(target, catalog, definition, depth + 1);
  };
  return looseDefinition(step.type).summarize(step.config, catalog, { describeStep });
}
