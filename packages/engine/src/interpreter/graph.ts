import type { StepNode, WorkflowDefinition } from '../schema/workflow-definition';
import { TRIGGER_OUTPUT } from '../trigger/trigger-schema';

export function findStep(definition: WorkflowDefinition, stepId: string): StepNode | undefined {
  return definition.steps.find((s) => s.id === stepId);
}

// A handle with no edge simply ends the run; that's how "else → end" is expressed.
export function nextStepId(definition: WorkflowDefinition, fromStepId: string, handle: string): string | null {
  return definition.edges.find((e) => e.source === fromStepId && e.sourceHandle === handle)?.target ?? null;
}

export function firstStepAfterTrigger(definition: WorkflowDefinition): string | null {
  return nextStepId(definition, definition.trigger.id, TRIGGER_OUTPUT);
}
