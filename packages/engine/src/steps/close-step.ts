import { z } from 'zod';
import type { StepDefinition } from './step-definition';

export const closeConfigSchema = z.object({
  reason: z.string().trim().max(200).optional(),
});
export type CloseConfig = z.infer<typeof closeConfigSchema>;

export type CloseDecision = { kind: 'close'; reason: string | null; explanation: string };

export const closeStep: StepDefinition<'close', typeof closeConfigSchema, CloseDecision> = {
  type: 'close',
  label: 'Close',
  description: 'Close the conversation.',
  configSchema: closeConfigSchema,
  defaultConfig: () => ({}),
  outputs: () => ['next'],
  summarize: (config) => (config.reason ? `Close conversation · ${config.reason}` : 'Close conversation'),
  execute: (config, ctx) => ({
    effects: [{ type: 'close' }],
    decision: { kind: 'close', reason: config.reason ?? null, explanation: 'Closed the conversation.' },
    output: 'next',
    next: { type: 'continue', stepId: ctx.follow('next') },
    state: ctx.state,
  }),
};
