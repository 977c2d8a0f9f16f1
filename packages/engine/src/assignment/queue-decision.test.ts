import { describe, expect, it } from 'vitest';
import { candidate, definition, e, MINUTE, NOW, pool, snapshot, state } from '../test-support/fixtures';
import { runUntilPause } from '../interpreter/run-until-pause';
import { validateDefinition } from '../validation/validate-definition';
import { assignConfigSchema } from '../steps/assign-step';
import { formatElapsed } from './queue-decision';

const queued = (timeout = { amount: 30, unit: 'minutes' as const }) =>
  definition({
    steps: [
      { id: 'assign', type: 'assign', config: { target: { type: 'team', teamId: 'sales' }, queue: { timeout } } },
      { id: 'wait', type: 'wait', config: { duration: { amount: 15, unit: 'minutes' } } },
      { id: 'nobody', type: 'comment', config: { text: 'Nobody came', mentions: [] } },
    ],
    edges: [e('trigger', 'next', 'assign'), e('assign', 'next', 'wait'), e('assign', 'no_one_available', 'nobody')],
  });
const offline = snapshot({
  conversation: { teamId: null, assigneeId: 'erin' },
  pools: { 'team:sales': pool('team:sales', ['alice', 'bob'].map((id) => candidate(id, { availability: 'offline' }))) },
});
const bobOnline = (now: number) =>
  snapshot({ now, queueWake: { bob: 'Bob came online' }, pools: { 'team:sales': pool('team:sales', [candidate('alice', { availability: 'offline' }), candidate('bob')]) } });
const run = (snap: ReturnType<typeof snapshot>, st = state(), startStepId = 'assign') =>
  runUntilPause({ definition: queued(), versionId: 'v1', startStepId, snapshot: snap, state: st });

describe('assign step: wait in the queue', () => {
  it('joins the queue when no one is available: unassigned, team set, the run sleeps in the step until the timeout', () => {
    const plan = run(offline);
    expect(plan.end).toEqual({ status: 'waiting', stepId: 'assign', resumeStepId: 'assign', wakeAt: NOW + 30 * MINUTE });
    const step = plan.steps[0]!;
    expect(step.outcome.output).toBeNull();
    expect(step.outcome.effects).toEqual([{ type: 'enqueue', pool: 'team:sales', teamId: 'sales', reason: 'Queued for Sales: no one available' }]);
    expect(step.outcome.decision.explanation).toBe('No one available in Sales: Alice offline, Bob offline. Waiting in the Sales queue for up to 30 min.');
    expect(plan.state.queue).toEqual({ stepId: 'assign', pool: 'team:sales', since: NOW, until: NOW + 30 * MINUTE });
    expect(plan.snapshot.conversation).toMatchObject({ assigneeId: null, teamId: 'sales' });
  });

  it('a re-check that still finds no one keeps the original arrival and timeout and writes no effect', () => {
    const first = run(offline);
    const again = run({ ...offline, now: NOW + 5 * MINUTE }, first.state);
    expect(again.end).toMatchObject({ status: 'waiting', wakeAt: NOW + 30 * MINUTE });
    expect(again.steps[0]!.outcome.effects).toEqual([]);
    expect(again.state.queue).toEqual(first.state.queue);
    expect(again.steps[0]!.outcome.decision).toMatchObject({ queue: { outcome: 'waiting', since: NOW } });
  });

  it('is assigned when someone becomes available, says why and after how long, and continues on next', () => {
    const first = run(offline);
    const plan = run(bobOnline(NOW + 12 * MINUTE), first.state);
    const step = plan.steps[0]!;
    expect(step.outcome.output).toBe('next');
    expect(step.outcome.effects[0]).toMatchObject({ type: 'assign', userId: 'bob', teamId: 'sales' });
    expect(step.outcome.decision.explanation).toBe(
      'Bob chosen by round robin: first in rotation among 1 eligible in Sales (Alice offline). Waited 12 min in the Sales queue; assigned when Bob came online.',
    );
    expect(step.outcome.decision).toMatchObject({ queue: { outcome: 'assigned', since: NOW, wake: 'Bob came online' } });
    expect(plan.state.queue).toBeNull();
    expect(plan.steps.map((s) => s.stepId)).toEqual(['assign', 'wait']);
  });

  it('takes no_one_available when the timeout passes with no one available', () => {
    const first = run(offline);
    const plan = run({ ...offline, now: NOW + 30 * MINUTE }, first.state);
    expect(plan.steps.map((s) => [s.stepId, s.outcome.output])).toEqual([['assign', 'no_one_available'], ['nobody', 'next']]);
    expect(plan.steps[0]!.outcome.decision.explanation).toBe('No one became available in Sales within 30 min in the queue. No one available in Sales: Alice offline, Bob offline.');
    expect(plan.state.queue).toBeNull();
    expect(plan.end.status).toBe('completed');
  });

  it('without the option, no one available still takes no_one_available at once', () => {
    const def = definition({
      steps: [{ id: 'assign', type: 'assign', config: { target: { type: 'team', teamId: 'sales' } } }],
      edges: [e('trigger', 'next', 'assign')],
    });
    const plan = runUntilPause({ definition: def, versionId: 'v', startStepId: 'assign', snapshot: offline, state: state() });
    expect(plan.steps[0]!.outcome.output).toBe('no_one_available');
    expect(plan.end.status).toBe('completed');
  });
});

describe('queue option: bad input', () => {
  const problems = (config: Record<string, unknown>) =>
    validateDefinition({
      schemaVersion: 1,
      trigger: { id: 'trigger', type: 'trigger', config: { event: 'conversation.opened', conditions: [] } },
      steps: [{ id: 'a', type: 'assign', config }],
      edges: [e('trigger', 'next', 'a')],
    });

  it('rejects a timeout outside 1 second to 30 days, naming the field', () => {
    for (const timeout of [{ amount: 0.5, unit: 'seconds' }, { amount: 31, unit: 'days' }]) {
      expect(problems({ target: { type: 'team', teamId: 'sales' }, queue: { timeout } })).toContainEqual(
        expect.objectContaining({ stepId: 'a', field: 'config.queue.timeout', message: expect.stringContaining('must be between 1 second and 30 days') }),
      );
    }
    expect(problems({ target: { type: 'team', teamId: 'sales' }, queue: { timeout: { amount: 30, unit: 'days' } } })).toEqual([]);
  });

  it('rejects a queue on a step that targets a specific user', () => {
    expect(problems({ target: { type: 'user', userId: 'alice' }, queue: { timeout: { amount: 5, unit: 'minutes' } } })).toContainEqual(
      expect.objectContaining({ stepId: 'a', field: 'config.queue', message: expect.stringContaining('a queue needs a team or the workspace') }),
    );
    expect(assignConfigSchema.safeParse({ target: { type: 'workspace' }, queue: { timeout: { amount: 5, unit: 'minutes' } } }).success).toBe(true);
  });
});

describe('formatElapsed', () => {
  it('reads like a person would say it', () => {
    expect([12_000, 4 * MINUTE, 65 * MINUTE, 120 * MINUTE, 3 * 24 * 60 * MINUTE].map(formatElapsed)).toEqual(['12 s', '4 min', '1 h 5 min', '2 h', '3 days']);
  });
});
