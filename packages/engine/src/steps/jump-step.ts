import { z } from 'zod';
import { idSchema } from '../schema/primitives';
import type { StepDefinition } from './step-definition';

export const jumpConfigSchema = z.object({
  targetStepId: idSchema,
  // Jumps are the only legal way to loop; the cap is what guarantees every run ends.
  maxJumps: z.number().int().min(1).max(10),
});
export type JumpConfig = z.infer<typeof jumpConfigSchema>;

export const JUMP_LIMIT_REACHED = 'limit_reached';

export const jumpStep: StepDefinition<'jump', JumpConfig> = {
  type: 'jump',
  label: 'Jump',
  description: 'Go back to an earlier step, at most a set number of times per run.',
  configSchema: jumpConfigSchema,
  defaultConfig: () => ({ targetStepId: '', maxJumps: 1 }),
  outputs: () => [JUMP_LIMIT_REACHED],
  summarize: (config, _catalog, context) => {
    const target = context?.describeStep?.(config.targetStepId) ?? config.targetStepId;
    return `Jump to “${target}” (max ${config.maxJumps}×)`;
  },
};
