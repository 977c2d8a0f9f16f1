import { z } from 'zod';
import { assignConfigSchema } from '../steps/assign-step';
import { branchConfigSchema } from '../steps/branch-step';
import { closeConfigSchema } from '../steps/close-step';
import { commentConfigSchema } from '../steps/comment-step';
import { jumpConfigSchema } from '../steps/jump-step';
import { waitConfigSchema } from '../steps/wait-step';
import { triggerNodeSchema } from '../trigger/trigger-schema';
import { idSchema, positionSchema } from './primitives';

export const MAX_STEPS = 100;
export const MAX_EDGES = 1000;

export const stepTypes = ['assign', 'wait', 'branch', 'comment', 'close', 'jump'] as const;
export const stepTypeSchema = z.enum(stepTypes);
export type StepType = z.infer<typeof stepTypeSchema>;

const nodeBase = {
  id: idSchema,
  name: z.string().trim().max(100).optional(),
  position: positionSchema.optional(),
};

export const assignStepNodeSchema = z.object({ ...nodeBase, type: z.literal('assign'), config: assignConfigSchema });
export const waitStepNodeSchema = z.object({ ...nodeBase, type: z.literal('wait'), config: waitConfigSchema });
export const branchStepNodeSchema = z.object({ ...nodeBase, type: z.literal('branch'), config: branchConfigSchema });
export const commentStepNodeSchema = z.object({ ...nodeBase, type: z.literal('comment'), config: commentConfigSchema });
export const closeStepNodeSchema = z.object({ ...nodeBase, type: z.literal('close'), config: closeConfigSchema });
export const jumpStepNodeSchema = z.object({ ...nodeBase, type: z.literal('jump'), config: jumpConfigSchema });

export const stepNodeSchema = z.discriminatedUnion('type', [
  assignStepNodeSchema,
  waitStepNodeSchema,
  branchStepNodeSchema,
  commentStepNodeSchema,
  closeStepNodeSchema,
  jumpStepNodeSchema,
]);
export type StepNode = z.infer<typeof stepNodeSchema>;
export type StepNodeInput = z.input<typeof stepNodeSchema>;
export type StepNodeOf<T extends StepType> = Extract<StepNode, { type: T }>;
export type StepConfigOf<T extends StepType> = StepNodeOf<T>['config'];

export const edgeSchema = z.object({
  id: idSchema,
  source: idSchema,
  sourceHandle: z.string().min(1).max(80),
  target: idSchema,
});
export type Edge = z.infer<typeof edgeSchema>;

export const workflowDefinitionSchema = z.object({
  schemaVersion: z.literal(1),
  trigger: triggerNodeSchema,
  steps: z.array(stepNodeSchema).max(MAX_STEPS, `a workflow can have at most ${MAX_STEPS} steps`),
  edges: z.array(edgeSchema).max(MAX_EDGES),
});
export type WorkflowDefinition = z.infer<typeof workflowDefinitionSchema>;
// What API clients and the canvas may send: defaults (logic, onlyOnline, …) may be omitted.
export type WorkflowDefinitionInput = z.input<typeof workflowDefinitionSchema>;

export function parseDefinition(input: unknown): WorkflowDefinition {
  return workflowDefinitionSchema.parse(input);
}

// For API docs and canvas forms. `io: 'input'` so defaulted fields show as optional.
export function definitionJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(workflowDefinitionSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
}
