import type { z } from 'zod';
import type { Catalog } from '../catalog';
import type { StepNode, StepType, WorkflowDefinition } from '../schema/workflow-definition';
import { assignStep } from './assign-step';
import { branchStep } from './branch-step';
import { closeStep } from './close-step';
import { commentStep } from './comment-step';
import { jumpStep } from './jump-step';
import { httpRequestStep } from './http-request-step';
import { sendMessageStep } from './send-message-step';
import type { StepDefinition } from './step-definition';
import { timeBranchStep } from './time-branch-step';
import { waitStep } from './wait-step';
import { waitUntilStep } from './wait-until-step';
import { setContactFieldStep } from './set-contact-field-step';
import { tagContactStep } from './tag-contact-step';
import { setPriorityStep } from './set-priority-step';

/**
 * Every step type, one line each. `stepTypes`, the definition schema's node union, the
 * interpreter's dispatch, the adapter's lock analysis and the canvas all derive from it:
 * adding a step type is a file in this folder, a line here, and its canvas file in the web
 * (CONTRIBUTING.md).
 */
export const stepRegistry = {
  assign: assignStep,
  wait: waitStep,
  branch: branchStep,
  comment: commentStep,
  close: closeStep,
  jump: jumpStep,
  send_message: sendMessageStep,
  time_branch: timeBranchStep,
  wait_until: waitUntilStep,
  set_contact_field: setContactFieldStep,
  tag_contact: tagContactStep,
  set_priority: setPriorityStep,
  http_request: httpRequestStep,
};
export type StepRegistry = typeof stepRegistry;

/** What any step may decide (stored in `run_steps.decision`): the registry's decisions. */
export type Decision = { [T in StepType]: ReturnType<StepRegistry[T]['execute']>['decision'] }[StepType];

export function getStepDefinition<T extends StepType>(type: T): StepRegistry[T] {
  return stepRegistry[type];
}

type LooseStepDefinition = StepDefinition<StepType, z.ZodType<StepNode['config']>, Decision>;

// The registry is keyed by type but TS can't correlate step.type with step.config through
// an indexed access, hence the single narrow cast here instead of at every call site.
export function looseDefinition(type: StepType): LooseStepDefinition {
  return stepRegistry[type] as unknown as LooseStepDefinition;
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
