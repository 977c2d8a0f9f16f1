import { describe, expect, it } from 'vitest';
import { officeHours, scheduleSchema } from '../business-time/schedule-schema';
import type { WorkspaceCalendar } from '../business-time/schedule-ref';
import type { DateTimeCondition } from '../business-time/time-conditions';
import { executeStep } from '../interpreter/execute-step';
import type { WaitConfig } from './wait-step';
import { runUntilPause } from '../interpreter/run-until-pause';
import { definition, e, snapshot, state } from '../test-support/fixtures';

const utc = (iso: string) => Date.parse(iso);
// Workspace in Berlin, open Mon–Fri 09–17 with Christmas off; Support has its own split shift in New York.
const calendar: WorkspaceCalendar = {
  timeZone: 'Europe/Berlin',
  workspace: { ...officeHours('Europe/Berlin'), holidays: [{ name: 'Christmas', from: '2025-12-25', yearly: true }] },
  teams: {
    support: scheduleSchema.parse({
      timeZone: 'America/New_York',
      weekly: { ...officeHours('America/New_York').weekly, sat: [{ start: '10:00', end: '12:00' }, { start: '13:00', end: '15:00' }] },
    }),
  },
};
const FRIDAY_1805_BERLIN = utc('2025-01-10T17:05:00Z');
const MONDAY_0900_BERLIN = utc('2025-01-13T08:00:00Z');

const def = definition({
  steps: [
    {
      id: 'hours',
      type: 'time_branch',
      config: { conditions: [{ id: 'c', kind: 'schedule_hours', operator: 'open', schedule: { type: 'workspace' } }] },
    },
    { id: 'hold', type: 'wait_until', config: { until: 'schedule_opens', schedule: { type: 'workspace' } } },
    { id: 'assign', type: 'assign', config: { target: { type: 'team', teamId: 'sales' } } },
  ],
  edges: [e('trigger', 'next', 'hours'), e('hours', 'match', 'assign'), e('hours', 'else', 'hold'), e('hold', 'next', 'assign')],
});

describe('Date & time branch', () => {
  const run = (now: number, conditions: DateTimeCondition[], match: 'all' | 'any' = 'all') =>
    executeStep({
      definition: definition({ steps: [{ id: 't', type: 'time_branch', config: { match, conditions } }], edges: [e('trigger', 'next', 't')] }),
      stepId: 't',
      snapshot: snapshot({ now, calendar }),
      state: state(),
    });

  it('takes Matches inside the hours and Else outside, naming the local time', () => {
    const open: DateTimeCondition[] = [{ id: 'c', kind: 'schedule_hours', operator: 'open', schedule: { type: 'workspace' } }];
    expect(run(utc('2025-01-10T10:00:00Z'), open).output).toBe('match');
    const out = run(FRIDAY_1805_BERLIN, open);
    expect(out.output).toBe('else');
    expect(out.decision.explanation).toContain('Fri 10 Jan 2025 18:05 (Europe/Berlin)');
  });

  it('reads days, times and dates in the workspace zone, and holidays of the schedule', () => {
    const saturdayBerlinFridayUtc = utc('2025-01-10T23:30:00Z'); // Sat 00:30 in Berlin
    expect(run(saturdayBerlinFridayUtc, [{ id: 'c', kind: 'day_of_week', days: ['sat', 'sun'] }]).output).toBe('match');
    expect(run(saturdayBerlinFridayUtc, [{ id: 'c', kind: 'time_of_day', from: '22:00', to: '06:00' }]).output).toBe('match');
    expect(run(saturdayBerlinFridayUtc, [{ id: 'c', kind: 'date_range', from: '2025-01-11', to: '2025-01-11' }]).output).toBe('match');
    const christmas = utc('2026-12-25T10:00:00Z');
    expect(run(christmas, [{ id: 'c', kind: 'holiday', operator: 'is', schedule: { type: 'workspace' } }]).output).toBe('match');
    // Support (own schedule, no holidays) is not closed for Christmas; Sales has none and uses the workspace's.
    expect(run(christmas, [{ id: 'c', kind: 'holiday', operator: 'is', schedule: { type: 'team', teamId: 'support' } }]).output).toBe('else');
    expect(run(christmas, [{ id: 'c', kind: 'holiday', operator: 'is', schedule: { type: 'team', teamId: 'sales' } }]).output).toBe('match');
  });

  it('checks a team schedule in its own zone: Saturday split shift in New York', () => {
    const cond: DateTimeCondition[] = [{ id: 'c', kind: 'schedule_hours', operator: 'open', schedule: { type: 'team', teamId: 'support' } }];
    expect(run(utc('2025-01-11T15:30:00Z'), cond).output).toBe('match'); // 10:30 EST
    expect(run(utc('2025-01-11T17:30:00Z'), cond).output).toBe('else'); // 12:30 EST, the break
  });
});

describe('Wait until', () => {
  it('holds a conversation opened Friday 18:05 until Monday 09:00, then goes on', () => {
    const plan = runUntilPause({ definition: def, versionId: 'v1', startStepId: 'hours', snapshot: snapshot({ now: FRIDAY_1805_BERLIN, calendar }), state: state() });
    expect(plan.end).toEqual({ status: 'waiting', stepId: 'hold', resumeStepId: 'assign', wakeAt: MONDAY_0900_BERLIN });
    const resumed = runUntilPause({ definition: def, versionId: 'v1', startStepId: 'assign', snapshot: snapshot({ now: MONDAY_0900_BERLIN, calendar }), state: plan.state });
    expect(resumed.steps[0]!.outcome.decision.kind).toBe('assignment');
  });

  it('goes straight on while open, and waits for a time of day in the workspace zone', () => {
    const open = executeStep({
      definition: def,
      stepId: 'hold',
      snapshot: snapshot({ now: utc('2025-01-10T10:00:00Z'), calendar }),
      state: state(),
    });
    expect(open.next).toEqual({ type: 'continue', stepId: 'assign' });
    const atNine = executeStep({
      definition: definition({ steps: [{ id: 'w', type: 'wait_until', config: { until: 'time_of_day', time: '09:00' } }], edges: [e('trigger', 'next', 'w')] }),
      stepId: 'w',
      snapshot: snapshot({ now: FRIDAY_1805_BERLIN, calendar }),
      state: state(),
    });
    expect(atNine.next).toEqual({ type: 'wait', until: utc('2025-01-11T08:00:00Z'), resumeStepId: null });
  });
});

describe('Wait in business time', () => {
  it('15 business minutes at Friday 16:55 Berlin wake Monday 09:10; calendar time without the option', () => {
    const wait = (config: WaitConfig) =>
      executeStep({
        definition: definition({ steps: [{ id: 'w', type: 'wait', config }], edges: [e('trigger', 'next', 'w')] }),
        stepId: 'w',
        snapshot: snapshot({ now: utc('2025-01-10T15:55:00Z'), calendar }),
        state: state(),
      }).next;
    expect(wait({ duration: { amount: 15, unit: 'minutes' }, businessHours: { type: 'workspace' } })).toEqual({ type: 'wait', until: utc('2025-01-13T08:10:00Z'), resumeStepId: null });
    expect(wait({ duration: { amount: 15, unit: 'minutes' } })).toEqual({ type: 'wait', until: utc('2025-01-10T16:10:00Z'), resumeStepId: null });
  });
});

describe('validation', () => {
  it('names a business-time step that uses the hours of a team that does not exist', async () => {
    const { validateDefinition } = await import('../validation/validate-definition');
    const { catalog } = await import('../test-support/fixtures');
    const bad = definition({
      steps: [{ id: 'hold', type: 'wait_until', config: { until: 'schedule_opens', schedule: { type: 'team', teamId: 'gone' } } }],
      edges: [e('trigger', 'next', 'hold')],
    });
    expect(validateDefinition(bad, catalog).map((p) => [p.field, p.code])).toEqual([['config.schedule.teamId', 'unknown_team']]);
  });
});
