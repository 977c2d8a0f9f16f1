import { z } from 'zod';
import { nextOpenAt, nextTimeOfDay } from '../business-time/business-clock';
import { describeScheduleRef, formatInstant, resolveSchedule, scheduleRefSchema } from '../business-time/schedule-ref';
import { timeOfDaySchema } from '../business-time/schedule-schema';
import type { StepDefinition } from './step-definition';

export const waitUntilConfigSchema = z.discriminatedUnion('until', [
  z.object({ until: z.literal('schedule_opens'), schedule: scheduleRefSchema }),
  z.object({ until: z.literal('time_of_day'), time: timeOfDaySchema }),
]);
export type WaitUntilConfig = z.infer<typeof waitUntilConfigSchema>;

export type WaitUntilDecision = {
  kind: 'wait_until';
  /** null: the run went on at once (already open, or the schedule never opens). */
  until: number | null;
  explanation: string;
};

export const waitUntilStep: StepDefinition<'wait_until', typeof waitUntilConfigSchema, WaitUntilDecision> = {
  type: 'wait_until',
  label: 'Wait until',
  description: 'Hold the workflow until opening hours start, or until a time of day in the workspace time zone.',
  configSchema: waitUntilConfigSchema,
  defaultConfig: () => ({ until: 'schedule_opens', schedule: { type: 'workspace' } }),
  outputs: () => ['next'],
  summarize: (config, catalog) =>
    config.until === 'schedule_opens' ? `Wait until ${describeScheduleRef(config.schedule, catalog)} start` : `Wait until ${config.time}`,
  execute: (config, ctx) => {
    const { now, calendar } = ctx.snapshot;
    const resumeStepId = ctx.follow('next');
    const goOn = (explanation: string) => ({
      effects: [],
      decision: { kind: 'wait_until' as const, until: null, explanation },
      output: 'next',
      next: { type: 'continue' as const, stepId: resumeStepId },
      state: ctx.state,
    });
    let until: number;
    let zone = calendar.timeZone;
    if (config.until === 'schedule_opens') {
      const schedule = resolveSchedule(calendar, config.schedule);
      zone = schedule.timeZone;
      const opens = nextOpenAt(schedule, now);
      // Holding a conversation forever would hide it; a schedule with no hours left is a
      // configuration problem the run log shows, not a reason to stall.
      if (opens === null) return goOn(`${describeScheduleRef(config.schedule)} never open; went on at once.`);
      if (opens <= now) return goOn(`Open now (${formatInstant(now, zone)}); went on at once.`);
      until = opens;
    } else {
      until = nextTimeOfDay(zone, now, config.time);
    }
    return {
      effects: [],
      decision: { kind: 'wait_until', until, explanation: `Waiting until ${formatInstant(until, zone)}.` },
      output: 'next',
      next: { type: 'wait', until, resumeStepId },
      state: ctx.state,
    };
  },
  // Not `pausesRun`: when the hours are open it goes straight on, so the steps after it
  // may run in the same batch and their pools must be locked with it.
};
