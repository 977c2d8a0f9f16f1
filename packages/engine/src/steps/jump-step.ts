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

export type JumpDecision = {
  kind: 'jump';
  targetStepId: string;
  jumpsBefore: number;
  maxJumps: number;
  jumped: boolean;
  explanation: string;
};

export const jumpStep: StepDefinition<'jump', typeof jumpConfigSchema, JumpDecision> = {
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
  execute: ({ targetStepId, maxJumps }, ctx) => {
    const { state, stepId } = ctx;
    const jumpsBefore = state.jumpCounts[stepId] ?? 0;
    const jumped = jumpsBefore < maxJumps;
    const decision: JumpDecision = {
      kind: 'jump',
      targetStepId,
      jumpsBefore,
      maxJumps,
      jumped,
      explanation: jumped
        ? `Jumped back to ${targetStepId} (${jumpsBefore + 1} of ${maxJumps}).`
        : `Jump limit reached (${maxJumps}); following “limit reached”.`,
    };
    if (!jumped)
      return {
        effects: [],
        decision,
        output: JUMP_LIMIT_REACHED,
        next: { type: 'continue', stepId: ctx.follow(JUMP_LIMIT_REACHED) },
        state,
      };
    return {
      effects: [],
      decision,
      // A taken jump follows no edge, so there's no handle to report.
      output: null,
      next: { type: 'continue', stepId: targetStepId },
      state: { ...state, jumpCounts: { ...state.jumpCounts, [stepId]: jumpsBefore + 1 } },
    };
  },
  jumpsTo: (config) => [config.targetStepId],
};
