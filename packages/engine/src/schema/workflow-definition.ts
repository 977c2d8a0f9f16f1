import { z } from 'zod';
import { stepRegistry, type StepRegistry } from '../steps/step-registry';
import { triggerNodeSchema } from '../trigger/trigger-schema';
import { idSchema, positionSchema } from './primitives';

export const MAX_STEPS = 100;
export const MAX_EDGES = 1000;

export type StepType = keyof StepRegistry;
/** The registry's keys, in its order: the registry is the one list of step types. */
export const stepTypes = Object.keys(stepRegistry) as [StepType, ...StepType[]];
export const stepTypeSchema = z.enum(stepTypes);

const nodeBase = {
  id: idSchema,
  name: z.string().trim().max(100).optional(),
  position: positionSchema.optional(),
};

type StepNodeSchemaOf<T extends StepType> = z.ZodObject<
  typeof nodeBase & { type: z.ZodLiteral<T>; config: StepRegistry[T]['configSchema'] }
>;
type StepNodeSchemas = { [T in StepType]: StepNodeSchemaOf<T> };

/** One node schema per step type, built from the type's config schema in the registry. */
export const stepNodeSchemas = Object.fromEntries(
  stepTypes.map((type) => [type, z.object({ ...nodeBase, type: z.literal(type), config: stepRegistry[type].configSchema })]),
) as unknown as StepNodeSchemas;

export const stepNodeSchema = z.discriminatedUnion(
  'type',
  stepTypes.map((type) => stepNodeSchemas[type]) as [StepNodeSchemas[StepType], ...StepNodeSchemas[StepType][]],
);
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
