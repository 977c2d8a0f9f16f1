import { z } from 'zod';
import type { WorkflowDefinitionInput } from '@baton/engine';

/**
 * Drafts are `.loose()` (the canvas keeps positions and half-filled forms), so only their
 * size bounds them: every editor load returns the whole draft. 100 steps of real config are
 * a few tens of KB.
 */
export const MAX_DEFINITION_BYTES = 256 * 1024;

// A draft may hold an unfinished graph (problems are reported, not rejected), but it must
// at least be a definition-shaped object so the canvas can open it again.
export const draftDefinitionSchema = z
  .object({
    schemaVersion: z.literal(1),
    trigger: z.object({ id: z.string(), type: z.literal('trigger') }).loose(),
    steps: z
      .array(z.object({ id: z.string(), type: z.string() }).loose())
      .max(100, 'a workflow can have at most 100 steps'),
    edges: z
      .array(z.object({ id: z.string(), source: z.string(), target: z.string() }).loose())
      .max(1000),
  })
  .loose()
  .check((ctx) => {
    const bytes = Buffer.byteLength(JSON.stringify(ctx.value), 'utf8');
    if (bytes > MAX_DEFINITION_BYTES) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `A workflow definition can be at most ${MAX_DEFINITION_BYTES / 1024} KB; this one is ${Math.ceil(bytes / 1024)} KB`,
      });
    }
  });

export const workflowNameSchema = z.string().trim().min(1, 'Name is required').max(120);

export const createWorkflowSchema = z.object({
  name: workflowNameSchema,
  description: z.string().trim().max(1000).optional(),
  definition: draftDefinitionSchema.optional(),
});

export const updateWorkflowSchema = z.object({
  name: workflowNameSchema.optional(),
  description: z.string().trim().max(1000).nullable().optional(),
  definition: draftDefinitionSchema.optional(),
});

export function emptyDefinition(): WorkflowDefinitionInput {
  return {
    schemaVersion: 1,
    trigger: {
      id: 'trigger',
      type: 'trigger',
      position: { x: 0, y: 0 },
      config: { event: 'conversation.opened', conditions: [] },
    },
    steps: [],
    edges: [],
  };
}
