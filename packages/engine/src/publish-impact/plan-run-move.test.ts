import { describe, expect, it } from 'vitest';
import { reassignIfNoReply } from '../workflow-templates/reassign-if-no-reply';
import { utcCalendar } from '../business-time/schedule-ref';
import { initialRunState, type RunState } from '../interpreter/snapshot';
import type { WorkflowDefinition } from '../schema/workflow-definition';
import { planRunMove } from './plan-run-move';

const MIN = 60_000;
const now = Date.UTC(2026, 11, 2, 10, 0);
const withWait = (minutes: number): WorkflowDefinition => reassignIfNoReply({ firstTeamId: 'sales', secondTeamId: 'support', waitMinutes: minutes });

describe('planRunMove', () => {
  it('re-plans a wait from when the run started waiting, with the new duration', () => {
    const plan = planRunMove({
      definition: withWait(30),
      targetStepId: 'wait',
      from: { stepType: 'wait', waitStartedAt: now - 10 * MIN },
      state: initialRunState(),
      now,
      calendar: utcCalendar(),
    });
    if ('error' in plan) throw new Error(plan.error);
    expect(plan.wakeAt).toBe(now + 20 * MIN);
    expect(plan).toMatchObject({ currentStepId: 'wait', resumeStepId: 'check-reply', replannedWait: { durationMs: 30 * MIN, until: now + 20 * MIN } });
  });

  it('makes a shortened wait that is already over due now', () => {
    const plan = planRunMove({ definition: withWait(5), targetStepId: 'wait', from: { stepType: 'wait', waitStartedAt: now - 10 * MIN }, state: initialRunState(), now, calendar: utcCalendar() });
    if ('error' in plan) throw new Error(plan.error);
    expect(plan.wakeAt).toBe(now);
    expect(plan.explanation).toMatch(/due now/);
  });

  it('continues at any other step now, leaving the old queue', () => {
    const state: RunState = { ...initialRunState(), queue: { stepId: 'assign-first', pool: 'team:sales', since: now - MIN, until: now + MIN } };
    const plan = planRunMove({ definition: withWait(15), targetStepId: 'check-reply', from: { stepType: 'assign', waitStartedAt: now - MIN }, state, now, calendar: utcCalendar() });
    if ('error' in plan) throw new Error(plan.error);
    expect(plan).toMatchObject({ currentStepId: 'check-reply', resumeStepId: 'check-reply', wakeAt: now, replannedWait: null });
    expect(plan.state.queue).toBeNull();
  });

  it('keeps a queued run its place when it moves to the same assign step on the same pool, with the new timeout', () => {
    const definition = withWait(15);
    const assign = definition.steps.find((s) => s.id === 'assign-first')!;
    if (assign.type === 'assign') assign.config = { ...assign.config, queue: { timeout: { amount: 10, unit: 'minutes' } } };
    const state: RunState = { ...initialRunState(), queue: { stepId: 'assign-first', pool: 'team:sales', since: now - 2 * MIN, until: now + 28 * MIN } };
    const plan = planRunMove({ definition, targetStepId: 'assign-first', from: { stepType: 'assign', waitStartedAt: now - 2 * MIN }, state, now, calendar: utcCalendar() });
    if ('error' in plan) throw new Error(plan.error);
    expect(plan.state.queue).toEqual({ stepId: 'assign-first', pool: 'team:sales', since: now - 2 * MIN, until: now + 8 * MIN });
    expect(plan.resumeStepId).toBe('assign-first');
  });

  it('refuses a step the new version does not have', () => {
    expect(planRunMove({ definition: withWait(15), targetStepId: 'nope', from: { stepType: 'wait', waitStartedAt: now }, state: initialRunState(), now, calendar: utcCalendar() })).toEqual({
      error: 'Step nope is not in the new version',
    });
  });
});
