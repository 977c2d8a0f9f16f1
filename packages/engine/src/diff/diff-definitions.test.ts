import { describe, expect, it } from 'vitest';
import { reassignIfNoReply } from '../workflow-templates/reassign-if-no-reply';
import { changedPaths, diffDefinitions } from './diff-definitions';

const base = () => reassignIfNoReply({ firstTeamId: 'sales', secondTeamId: 'support' });

describe('diffDefinitions', () => {
  it('reports nothing for identical definitions', () => {
    const d = diffDefinitions(base(), base());
    expect(d).toMatchObject({ stepsAdded: [], stepsRemoved: [], stepsChanged: [], edgesAdded: [], edgesRemoved: [], unchanged: true, layoutOnly: true });
  });

  it('finds added, removed and changed steps with the fields that changed', () => {
    const before = base();
    const after = base();
    after.steps = after.steps.filter((s) => s.id !== 'no-one-second');
    after.edges = after.edges.filter((e) => e.target !== 'no-one-second');
    after.steps.push({ id: 'close', type: 'close', config: {} });
    after.edges.push({ id: 'x', source: 'notify-reassigned', sourceHandle: 'next', target: 'close' });
    const wait = after.steps.find((s) => s.id === 'wait')!;
    if (wait.type === 'wait') wait.config = { duration: { amount: 30, unit: 'minutes' } };
    const assign = after.steps.find((s) => s.id === 'assign-first')!;
    assign.name = 'First line';
    const d = diffDefinitions(before, after);
    expect(d.stepsAdded).toEqual([{ id: 'close', type: 'close', name: null }]);
    expect(d.stepsRemoved).toEqual([{ id: 'no-one-second', type: 'comment', name: null }]);
    expect(d.stepsChanged).toEqual([
      { id: 'assign-first', type: 'assign', name: 'First line', fields: ['name'] },
      { id: 'wait', type: 'wait', name: null, fields: ['config.duration.amount'] },
    ]);
    expect(d.edgesAdded).toEqual([{ source: 'notify-reassigned', sourceHandle: 'next', target: 'close' }]);
    expect(d.edgesRemoved).toEqual([{ source: 'assign-second', sourceHandle: 'no_one_available', target: 'no-one-second' }]);
    expect(d.unchanged).toBe(false);
    expect(d.layoutOnly).toBe(false);
  });

  it('tells a move apart from an edit', () => {
    const after = base();
    after.steps[0]!.position = { x: 999, y: 0 };
    const d = diffDefinitions(base(), after);
    expect(d.stepsChanged).toEqual([{ id: 'assign-first', type: 'assign', name: null, fields: ['position'] }]);
    expect(d.layoutOnly).toBe(true);
    expect(d.unchanged).toBe(false);
  });

  it('compares edges by what they connect, not by id', () => {
    const after = base();
    after.edges = after.edges.map((e, i) => ({ ...e, id: `renamed-${i}` }));
    expect(diffDefinitions(base(), after).unchanged).toBe(true);
  });

  it('sees trigger changes and reports array items by index', () => {
    const after = base();
    after.trigger.config = { event: 'message.received', conditions: [] };
    const d = diffDefinitions(base(), after);
    expect(d.stepsChanged[0]!.id).toBe('trigger');
    expect(d.stepsChanged[0]!.fields).toEqual(['config.conditions.0', 'config.event']);
    expect(changedPaths({ a: [1, 2] }, { a: [1, 3] })).toEqual(['a.1']);
  });
});
