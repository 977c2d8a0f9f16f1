import { z } from 'zod';
import type { StepDefinition } from './step-definition';

export const closeConfigSchema = z.object({
  reason: z.string().trim().max(200).optional(),
});
export type CloseConfig = z.infer<typeof closeConfigSchema>;

export const closeStep: StepDefinition<'close', CloseConfig> = {
  type: 'close',
  label: 'Close',
  description: 'Close the conversation.',
  configSchema: closeConfigSchema,
  defaultConfig: () => ({}),
  outputs: () => ['next'],
  summarize: (config) => (config.reason ? `Close conversation · ${config.reason}` : 'Close conversation'),
};
