import { z } from 'zod';
import { formatInstant } from '../business-time/schedule-ref';
import { describeDateTimeCondition, evaluateDateTimeCondition, dateTimeConditionSchema } from '../business-time/time-conditions';
import type { StepDefinition } from './step-definition';

export const TIME_BRANCH_OUTPUTS = { match: 'match', else: 'else' } as const;

export const timeBranchConfigSchema = z.object({
  match: z.enum(['all', 'any']).default('all'),
  conditions: z.array(dateTimeConditionSchema).min(1, 'needs at least one condition').max(10),
});
export type TimeBranchConfig = z.infer<typeof timeBranchConfigSchema>;

export type TimeBranchDecision = {
  kind: 'time_branch';
  matched: boolean;
  conditions: Array<{ conditionId: string; description: string; result: boolean }>;
  /** The local time the conditions were checked at, in the workspace zone. */
  localTime: string;
  explanation: string;
};

export const timeBranchStep: StepDefinition<'time_branch', typeof timeBranchConfigSchema, TimeBranchDecision> = {
  type: 'time_branch',
  label: 'Date & time',
  description: 'Take one path inside opening hours, on given days or times, or on holidays; Else otherwise.',
  configSchema: timeBranchConfigSchema,
  defaultConfig: () => ({
    match: 'all',
    conditions: [{ id: 'c1', kind: 'schedule_hours', operator: 'open', schedule: { type: 'workspace' } }],
  }),
  outputs: () => [TIME_BRANCH_OUTPUTS.match, TIME_BRANCH_OUTPUTS.else],
  summarize: (config, catalog) =>
    `If ${config.conditions.map((c) => describeDateTimeCondition(c, catalog)).join(config.match === 'all' ? ' and ' : ' or ')} · else`,
  execute: (config, ctx) => {
    const { calendar, now } = ctx.snapshot;
    const conditions = config.conditions.map((c) => ({
      conditionId: c.id,
      description: describeDateTimeCondition(c),
      result: evaluateDateTimeCondition(c, calendar, now),
    }));
    const matched = config.match === 'all' ? conditions.every((c) => c.result) : conditions.some((c) => c.result);
    const handle = matched ? TIME_BRANCH_OUTPUTS.match : TIME_BRANCH_OUTPUTS.else;
    const localTime = formatInstant(now, calendar.timeZone);
    return {
      effects: [],
      decision: {
        kind: 'time_branch',
        matched,
        conditions,
        localTime,
        explanation: matched ? `At ${localTime} the conditions held; took Matches.` : `At ${localTime} the conditions did not hold; took Else.`,
      },
      output: handle,
      next: { type: 'continue', stepId: ctx.follow(handle) },
      state: ctx.state,
    };
  },
};
