import { describe, expect, it } from 'vitest';
import { definition, e, MINUTE, NOW, snapshot, state } from '../test-support/fixtures';
import { applyEffectsToSnapshot } from './apply-effects';
import { executeStep, UnknownStepError } from './execute-step';
import { firstStepAfterTrigger, nextStepId } from './graph';
import { runUntilPause } from './run-until-pause';
import { definitionRequirements, stepRequirements } from './step-requirements';

const def = definition({
  steps: [
    { id: 'assign', type: 'assign', config: { target: { type: 'team', teamId: 'sales' } } },
    { id: 'wait', type: 'wait', config: { duration: { amount: 15, unit: 'minutes' } } },
    {
      id: 'check',
      type: 'branch',
      config: { branches: [{ id: 'open', conditions: [{ id: 'c', kind: 'conversation_status', operator: 'is', value: 'open' }] }] },
    },
    { id: 'note', type: 'comment', config: { text: 'Still open, {{assignee.name}}', mentions: [{ type: 'current_assignee' }] } },
    { id: 'again', type: 'jump', config: { targetStepId: 'assign', maxJumps: 2 } },
    { id: 'close', type: 'close', config: {} },
  ],
  edges: [
    e('trigger', 'next', 'assign'),
    e('assign', 'next', 'wait'),
    e('wait', 'next', 'check'),
    e('check', 'branch:open', 'note'),
    e('note', 'next', 'again'),
    e('again', 'limit_reached', 'close'),
  ],
});

describe('graph helpers', () => {
  it('follows edges by handle', () => {
    expect(firstStepAfterTrigger(def)).toBe('assign');
    expect(nextStepId(def, 'check', 'branch:open')).toBe('note');
    expect(nextStepId(def, 'check', 'else')).toBeNull();
  });
  it('lists pools the adapter must load', () => {
    expect(stepRequirements(def.steps[0]!)).toEqual({ pools: ['team:sales'] });
    expect(stepRequirements(def.steps[1]!)).toEqual({ pools: [] });
    expect(definitionRequirements(def)).toEqual({ pools: ['team:sales'] });
  });
});

describe('executeStep', () => {
  it('assign continues on next with effects and counts the step', () => {
    const o = executeStep({ definition: def, stepId: 'assign', snapshot: snapshot(), state: state() });
    expect(o.output).toBe('next');
    expect(o.next).toEqual({ type: 'continue', stepId: 'wait' });
    expect(o.effects.map((x) => x.type)).toEqual(['assign', 'advance_cursor']);
    expect(o.state.stepsExecuted).toBe(1);
    expect(o.decision.kind).toBe('assignment');
    expect(JSON.parse(JSON.stringify(o.decision))).toEqual(o.decision);
  });

  it('wait pauses until now + duration and resumes after itself', () => {
    const o = executeStep({ definition: def, stepId: 'wait', snapshot: snapshot(), state: state() });
    expect(o.next).toEqual({ type: 'wait', until: NOW + 15 * MINUTE, resumeStepId: 'check' });
    expect(o.effects).toEqual([]);
  });

  it('branch takes a branch handle or else (which ends the run here)', () => {
    expect(executeStep({ definition: def, stepId: 'check', snapshot: snapshot(), state: state() }).output).toBe('branch:open');
    const closed = executeStep({ definition: def, stepId: 'check', snapshot: snapshot({ conversation: { status: 'closed' } }), state: state() });
    expect(closed.output).toBe('else');
    expect(closed.next).toEqual({ type: 'continue', stepId: null });
  });

  it('comment renders against the snapshot', () => {
    const o = executeStep({ definition: def, stepId: 'note', snapshot: snapshot({ conversation: { assigneeId: 'dave' } }), state: state() });
    expect(o.effects).toEqual([{ type: 'comment', text: '@Dave Still open, Dave', mentionUserIds: ['dave'] }]);
  });

  it('close emits close', () => {
    const o = executeStep({ definition: def, stepId: 'close', snapshot: snapshot(), state: state() });
    expect(o.effects).toEqual([{ type: 'close' }]);
    expect(o.next).toEqual({ type: 'continue', stepId: null });
  });

  it('jump goes back maxJumps times, then follows limit_reached', () => {
    const one = executeStep({ definition: def, stepId: 'again', snapshot: snapshot(), state: state() });
    expect(one.output).toBeNull();
    expect(one.next).toEqual({ type: 'continue', stepId: 'assign' });
    expect(one.state.jumpCounts).toEqual({ again: 1 });
    const two = executeStep({ definition: def, stepId: 'again', snapshot: snapshot(), state: one.state });
    expect(two.next).toEqual({ type: 'continue', stepId: 'assign' });
    const three = executeStep({ definition: def, stepId: 'again', snapshot: snapshot(), state: two.state });
    expect(three.output).toBe('limit_reached');
    expect(three.next).toEqual({ type: 'continue', stepId: 'close' });
    expect(three.state.jumpCounts).toEqual({ again: 2 });
  });

  it('jump without a limit_reached edge ends the run', () => {
    const d = definition({
      steps: [
        { id: 'a', type: 'comment', config: { text: 'x' } },
        { id: 'j', type: 'jump', config: { targetStepId: 'a', maxJumps: 1 } },
      ],
      edges: [e('trigger', 'next', 'a'), e('a', 'next', 'j')],
    });
    const r = runUntilPause({ definition: d, versionId: 'v1', startStepId: 'a', snapshot: snapshot(), state: state() });
    expect(r.steps.map((o) => o.stepId)).toEqual(['a', 'j', 'a', 'j']);
    expect(r.end).toEqual({ status: 'completed' });
  });

  it('throws on an unknown step id', () => {
    expect(() => executeStep({ definition: def, stepId: 'nope', snapshot: snapshot(), state: state() })).toThrow(UnknownStepError);
  });
});

describe('runUntilPause', () => {
  const run = (startStepId: string | null, snap = snapshot(), st = state(), maxSteps?: number) =>
    runUntilPause({ definition: def, versionId: 'v1', startStepId, snapshot: snap, state: st, maxSteps });

  it('runs until a wait, then resumes to completion with jumps bounded', () => {
    const first = run(firstStepAfterTrigger(def));
    expect(first.steps.map((o) => o.stepId)).toEqual(['assign', 'wait']);
    expect(first.end).toEqual({ status: 'waiting', stepId: 'wait', wakeAt: NOW + 15 * MINUTE, resumeStepId: 'check' });
    expect(first.steps.map((o) => [o.seq, o.waiting, o.assigneeBefore])).toEqual([
      [1, false, null],
      [2, true, 'alice'],
    ]);
    expect(first.snapshot.conversation.assigneeId).toBe('alice');

    let s = first.snapshot;
    let st = first.state;
    let resume = first.end.status === 'waiting' ? first.end.resumeStepId : null;
    const assignees: Array<string | null> = [s.conversation.assigneeId];
    for (let i = 0; i < 10 && resume; i++) {
      const r = run(resume, { ...s, now: s.now + 15 * MINUTE }, st);
      s = r.snapshot;
      st = r.state;
      assignees.push(s.conversation.assigneeId);
      resume = r.end.status === 'waiting' ? r.end.resumeStepId : null;
      if (r.end.status === 'completed') expect(r.steps.at(-1)?.stepId).toBe('close');
    }
    // alice → bob → dave (carol offline), each reassignment excluding people already tried.
    expect(assignees).toEqual(['alice', 'bob', 'dave', 'dave']);
    expect(st.triedUserIds).toEqual(['alice', 'bob', 'dave']);
    expect(s.conversation.status).toBe('closed');
  });

  it('fails at the step it would exceed the step bound on (cumulative over resumes)', () => {
    const r = run('check', snapshot(), state(), 2);
    expect(r.end).toEqual({ status: 'failed', stepId: 'again', error: 'Stopped after 2 steps' });
    expect(r.steps.map((o) => o.stepId)).toEqual(['check', 'note']);
    expect(run('check', snapshot(), state({ stepsExecuted: 2 }), 2).end).toMatchObject({ status: 'failed', stepId: 'check' });
  });

  it('fails at a step missing from the version, keeping the steps before it', () => {
    const d = definition({ steps: [{ id: 'a', type: 'comment', config: { text: 'x' } }], edges: [e('trigger', 'next', 'a')] });
    const r = runUntilPause({ definition: d, versionId: 'v7', startStepId: 'gone', snapshot: snapshot(), state: state() });
    expect(r.end).toEqual({ status: 'failed', stepId: 'gone', error: 'Step gone is not in version v7' });
    expect(r.steps).toEqual([]);
  });

  it('refuses to decide an assignment from a pool the adapter did not load', () => {
    expect(() => run('assign', snapshot({ pools: {} }))).toThrow(/team:sales was not loaded/);
  });

  it('completes immediately with no start step', () => {
    expect(run(null).end).toEqual({ status: 'completed' });
  });
});

describe('applyEffectsToSnapshot', () => {
  it('applies assign/unassign/close/cursor and keeps open counts in step', () => {
    const s0 = snapshot({ conversation: { assigneeId: 'alice' } });
    const s1 = applyEffectsToSnapshot(s0, [
      { type: 'assign', userId: 'bob', teamId: 'sales', reason: 'x' },
      { type: 'advance_cursor', pool: 'team:sales', userId: 'bob' },
      { type: 'comment', text: 'hi', mentionUserIds: [] },
    ]);
    expect(s1.conversation).toMatchObject({ assigneeId: 'bob', teamId: 'sales' });
    expect(s1.pools['team:sales']?.cursorUserId).toBe('bob');
    expect(s1.pools['team:sales']?.candidates.find((c) => c.userId === 'bob')?.openCount).toBe(1);
    expect(s1.pools['team:support']?.candidates.find((c) => c.userId === 'bob')?.openCount).toBe(1);
    expect(s1.pools['team:sales']?.candidates.find((c) => c.userId === 'alice')?.openCount).toBe(0);
    const s2 = applyEffectsToSnapshot(s1, [{ type: 'close' }, { type: 'unassign', reason: 'x' }]);
    expect(s2.conversation).toMatchObject({ status: 'closed', assigneeId: null });
    expect(s2.pools['team:sales']?.candidates.find((c) => c.userId === 'bob')?.openCount).toBe(0);
    expect(s0.conversation.assigneeId).toBe('alice');
  });
});
