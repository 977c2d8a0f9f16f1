import { z } from 'zod';
import { durationToMs, formatDuration, MAX_WAIT_MS, MIN_WAIT_MS } from '../schema/duration';
import { durationSchema } from '../schema/primitives';
import type { StepDefinition } from './step-definition';

export const waitConfigSchema = z
  .object({ duration: durationSchema })
  .superRefine((c, ctx) => {
    const ms = durationToMs(c.duration);
    if (ms < MIN_WAIT_MS || ms > MAX_WAIT_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['duration'],
        message: 'must be between 1 second and 30 days',
      });
    }
  });
export type WaitConfig = z.infer<typeof waitConfigSchema>;

export type WaitDecision = { kind: 'wait'; durationMs: number; until: number; explanation: string };

export const waitStep: StepDefinition<'wait', typeof waitConfigSchema, WaitDecision> = {
  type: 'wait',
  label: 'Wait',
  description: 'Pause the workflow for a while before continuing.',
  configSchema: waitConfigSchema,
  defaultConfig: () => ({ duration: { amount: 15, unit: 'minutes' } }),
  outputs: () => ['next'],
  summarize: (config) => `Wait ${formatDuration(config.duration)}`,
  execute: (config, ctx) => {
    const durationMs = durationToMs(config.duration);
    const until = ctx.snapshot.now + durationMs;
    return {
      effects: [],
      decision: { kind: 'wait', durationMs, until, explanation: `Waiting ${formatDuration(config.duration)}.` },
      output: 'next',
      next: { type: 'wait', until, resumeStepId: ctx.follow('next') },
      state: ctx.state,
    };
  },
  pausesRun: true,
};
