import { describe, expect, it } from 'vitest';
import { reassignIfNoReply } from '../workflow-templates/reassign-if-no-reply';
import { moveProblems, publishImpact } from './publish-impact';

const base = () => reassignIfNoReply({ firstTeamId: 'sales', secondTeamId: 'support', waitMinutes: 15 });

describe('publishImpact', () => {
  it('counts runs per step and offers a move only for waiting runs at changed or removed steps', () => {
    const before = base();
    const after = base();
    const wait = after.steps.find((s) => s.id === 'wait')!;
    if (wait.type === 'wait') wait.config = { duration: { amount: 30, unit: 'minutes' } };
    // Moving a step on the canvas or renaming it changes nothing for the runs in it.
    after.steps.find((s) => s.id === 'assign-first')!.position = { x: 500, y: 500 };
    after.steps.find((s) => s.id === 'assign-first')!.name = 'First line';
    const impact = publishImpact(before, after, [
      { stepId: 'wait', waiting: 7, running: 0 },
      { stepId: 'assign-first', waiting: 2, running: 0 },
    ]);
    expect(impact.runsInFlight).toBe(9);
    expect(impact.steps.map((s) => [s.id, s.change, s.movable, s.defaultTargetStepId])).toEqual([
      ['assign-first', 'unchanged', false, null],
      ['wait', 'changed', true, 'wait'],
    ]);
    expect(impact.targets.map((t) => t.id)).toContain('wait');
  });

  it('treats a step whose outgoing edge changed as changed, and a removed step as removed with a default target', () => {
    const before = base();
    const after = base();
    after.steps = after.steps.filter((s) => s.id !== 'wait');
    after.edges = after.edges.filter((e) => e.source !== 'wait' && e.target !== 'wait');
    after.edges.push({ id: 'x', source: 'assign-first', sourceHandle: 'next', target: 'check-reply' });
    const impact = publishImpact(before, after, [
      { stepId: 'wait', waiting: 3, running: 0 },
      { stepId: 'assign-first', waiting: 1, running: 0 },
    ]);
    const wait = impact.steps.find((s) => s.id === 'wait')!;
    expect(wait).toMatchObject({ change: 'removed', movable: true, defaultTargetStepId: after.steps[0]!.id });
    expect(impact.steps.find((s) => s.id === 'assign-first')).toMatchObject({ change: 'changed', movable: true });
  });

  it('never offers to move runs out of a step that is not one runs sleep in', () => {
    const before = base();
    const after = base();
    const note = after.steps.find((s) => s.id === 'notify-reassigned')!;
    if (note.type === 'comment') note.config = { ...note.config, text: 'changed' };
    const impact = publishImpact(before, after, [{ stepId: 'notify-reassigned', waiting: 1, running: 0 }]);
    expect(impact.steps[0]).toMatchObject({ change: 'changed', movable: false });
    expect(impact.steps[0]!.note).toMatch(/finish on their version/);
  });
});

describe('moveProblems', () => {
  it('accepts moves from sleeping steps to steps of the new version', () => {
    expect(moveProblems(base(), base(), [{ fromStepId: 'wait', toStepId: 'check-reply' }])).toEqual([]);
  });

  it('names the field of an unknown, unmovable or repeated step', () => {
    const problems = moveProblems(base(), base(), [
      { fromStepId: 'wait', toStepId: 'nope' },
      { fromStepId: 'ghost', toStepId: 'wait' },
      { fromStepId: 'notify-reassigned', toStepId: 'wait' },
      { fromStepId: 'wait', toStepId: 'wait' },
    ]);
    expect(problems.map((p) => p.field)).toEqual(['moves.0.toStepId', 'moves.1.fromStepId', 'moves.2.fromStepId', 'moves.3.fromStepId']);
    expect(problems[0]!.message).toBe('Step "nope" is not in the new version');
  });
});
