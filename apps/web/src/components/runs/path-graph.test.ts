import { describe, expect, it } from 'vitest';
import { reassignIfNoReply } from '@baton/engine';
import { buildPathGraph, outputLabel } from './path-graph';

const definition = reassignIfNoReply({ firstTeamId: 'sales', secondTeamId: 'support', waitMinutes: 15 });

describe('a run path laid over its version', () => {
  it('lights the steps run and the edges left by, skips manual log rows, and marks the current step', () => {
    const { nodes, edges } = buildPathGraph(
      definition,
      [
        { stepId: 'trigger', stepType: 'trigger', output: 'next' },
        { stepId: 'assign-first', stepType: 'assign', output: 'next' },
        { stepId: 'wait', stepType: 'wait', output: 'next' },
        // A person's "fire now" sits between the wait and the branch in the log.
        { stepId: 'wait', stepType: 'manual', output: 'fire_now' },
        { stepId: 'check-reply', stepType: 'branch', output: 'branch:no-reply' },
      ],
      { currentStepId: 'check-reply' },
    );
    const visited = nodes.filter((n) => n.data.visited).map((n) => n.id);
    expect(visited).toEqual(['trigger', 'assign-first', 'wait', 'check-reply']);
    expect(nodes.filter((n) => n.data.current).map((n) => n.id)).toEqual(['check-reply']);
    const lit = edges.filter((e) => e.visited).map((e) => `${e.source}>${e.target}`);
    expect(lit).toEqual(['trigger>assign-first', 'assign-first>wait', 'wait>check-reply']);
    // The branch was left, but nothing ran after it yet: its edge is not lit.
    expect(edges.find((e) => e.source === 'check-reply')!.visited).toBe(false);
  });

  it('carries step and output counts for the analytics overlay', () => {
    const { nodes, edges } = buildPathGraph(definition, [], {
      analytics: { 'assign-first': { runsReached: 3, outputs: { next: 2, no_one_available: 1 } } },
    });
    expect(nodes.find((n) => n.id === 'assign-first')!.data.count).toBe(3);
    expect(nodes.find((n) => n.id === 'wait')!.data.count).toBe(0);
    expect(edges.find((e) => e.source === 'assign-first' && e.sourceHandle === 'no_one_available')!.count).toBe(1);
  });

  it('names outputs the way the builder does', () => {
    expect(outputLabel(definition, 'check-reply', 'branch:no-reply')).toBe('Still open and the assignee has not replied');
    expect(outputLabel(definition, 'assign-first', 'no_one_available')).toBe('no one available');
  });
});
