import { z } from 'zod';
import { addBusinessTime } from '../business-time/business-clock';
import { describeScheduleRef, formatInstant, resolveSchedule, scheduleRefSchema } from '../business-time/schedule-ref';
import { durationToMs, formatDuration, MAX_WAIT_MS, MIN_WAIT_MS } from '../schema/duration';
import { durationSchema } from '../schema/primitives';
import type { StepDefinition } from './step-definition';

export const waitConfigSchema = z
  .object({
    duration: durationSchema,
    // Counted in open time of these hours: "15 business minutes" at 16:55 ends at 09:10 the
    // next working day. Absent: calendar time (the JSON of existing workflows is unchanged).
    businessHours: scheduleRefSchema.optional(),
  })
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
  summarize: (config, catalog) =>
    config.businessHours
      ? `Wait ${formatDuration(config.duration)} of ${describeScheduleRef(config.businessHours, catalog)}`
      : `Wait ${formatDuration(config.duration)}`,
  execute: (config, ctx) => {
    const durationMs = durationToMs(config.duration);
    const { now, calendar } = ctx.snapshot;
    let until = now + durationMs;
    let explanation = `Waiting ${formatDuration(config.duration)}.`;
    if (config.businessHours) {
      const schedule = resolveSchedule(calendar, config.businessHours);
      const end = addBusinessTime(schedule, now, durationMs);
      const hours = describeScheduleRef(config.businessHours);
      // A schedule with (almost) no open time left would hold the run for years: fall back
      // to calendar time and say so in the run log.
      if (end === null) explanation = `Waiting ${formatDuration(config.duration)} of calendar time: ${hours} have too little open time ahead.`;
      else {
        until = end;
        explanation = `Waiting ${formatDuration(config.duration)} of ${hours}: until ${formatInstant(end, schedule.timeZone)}.`;
      }
    }
    return {
      effects: [],
      decision: { kind: 'wait', durationMs, until, explanation },
      output: 'next',
      next: { type: 'wait', until, resumeStepId: ctx.follow('next') },
      state: ctx.state,
    };
  },
  pausesRun: true,
};
