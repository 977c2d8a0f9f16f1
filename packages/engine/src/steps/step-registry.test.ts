import { describe, expect, it } from 'vitest';
import { catalog, definition } from '../test-support/fixtures';
import { stepTypes } from '../schema/workflow-definition';
import { getStepDefinition, stepOutputs, stepRegistry, summarizeStep } from './step-registry';

describe('step registry', () => {
  it('has an entry for every step type whose default config parses (except jump, which needs a target)', () => {
    for (const type of stepTypes) {
      const def = getStepDefinition(type);
      expect(def.type).toBe(type);
      expect(def.label).toBeTruthy();
      expect(def.description).toBeTruthy();
      const parsed = def.configSchema.safeParse(def.defaultConfig());
      expect(parsed.success).toBe(type !== 'jump');
    }
  });

  it('lists outputs per config', () => {
    expect(stepRegistry.assign.outputs({ target: { type: 'team', teamId: 't' }, logic: 'round_robin', onlyOnline: true, maxOpen: null, excludeTried: true })).toEqual(['next', 'no_one_available']);
    expect(stepRegistry.assign.outputs({ target: { type: 'unassign' }, logic: 'round_robin', onlyOnline: true, maxOpen: null, excludeTried: true })).toEqual(['next']);
    expect(stepRegistry.wait.outputs({ duration: { amount: 1, unit: 'minutes' } })).toEqual(['next']);
    expect(stepRegistry.branch.outputs(stepRegistry.branch.defaultConfig())).toEqual(['branch:b1', 'else']);
    expect(stepRegistry.comment.outputs({ text: 'x', mentions: [] })).toEqual(['next']);
    expect(stepRegistry.close.outputs({})).toEqual(['next']);
    expect(stepRegistry.jump.outputs({ targetStepId: 'a', maxJumps: 1 })).toEqual(['limit_reached']);
  });

  it('summarizes each step in one line', () => {
    const def = definition({
      steps: [
        { id: 'a1', type: 'assign', config: { target: { type: 'team', teamId: 'sales' } } },
        { id: 'a2', type: 'assign', config: { target: { type: 'user', userId: 'alice' }, onlyOnline: false } },
        { id: 'a3', type: 'assign', config: { target: { type: 'workspace' }, logic: 'least_open', maxOpen: 5 } },
        { id: 'a4', type: 'assign', config: { target: { type: 'unassign' } } },
        { id: 'w', type: 'wait', config: { duration: { amount: 15, unit: 'minutes' } } },
        { id: 'w1', type: 'wait', config: { duration: { amount: 1, unit: 'hours' } } },
        {
          id: 'b',
          type: 'branch',
          config: {
            branches: [
              { id: 'x', conditions: [{ id: 'c1', kind: 'conversation_status', operator: 'is', value: 'open' }, { id: 'c2', kind: 'last_outgoing_message', operator: 'not_exists' }] },
            ],
          },
        },
        {
          id: 'b2',
          type: 'branch',
          config: {
            branches: [
              { id: 'x', match: 'any', conditions: [{ id: 'c1', kind: 'contact_tag', operator: 'has', tag: 'vip' }, { id: 'c2', kind: 'team', operator: 'is', teamId: 'sales' }] },
              { id: 'y', name: 'Email', conditions: [{ id: 'c3', kind: 'channel', operator: 'is', channelId: 'email' }] },
            ],
          },
        },
        { id: 'c', type: 'comment', config: { text: 'x', mentions: [{ type: 'current_assignee' }] } },
        { id: 'c2', type: 'comment', config: { text: 'x', mentions: [{ type: 'user', userId: 'bob' }, { type: 'current_assignee' }] } },
        { id: 'c3', type: 'comment', config: { text: 'Customer waiting for a very long time, please check' } },
        { id: 'x', type: 'close', config: {} },
        { id: 'j', type: 'jump', config: { targetStepId: 'a1', maxJumps: 2 } },
        { id: 'j2', type: 'jump', config: { targetStepId: 'gone', maxJumps: 1 } },
      ],
      edges: [],
    });
    const s = Object.fromEntries(def.steps.map((st) => [st.id, summarizeStep(st, catalog, def)]));
    expect(s).toEqual({
      a1: 'Assign to Sales · round robin · online only',
      a2: 'Assign to Alice',
      a3: 'Assign to anyone in the workspace · least open · online only · max 5 open',
      a4: 'Unassign',
      w: 'Wait 15 minutes',
      w1: 'Wait 1 hour',
      b: 'If open and no agent reply · else',
      b2: 'If tagged vip or team is Sales · else if Email · else',
      c: 'Add comment mentioning current assignee',
      c2: 'Add comment mentioning Bob and current assignee',
      c3: 'Add comment “Customer waiting for a very long time,…”',
      x: 'Close conversation',
      j: 'Jump to “Assign to Sales · round robin · online only” (max 2×)',
      j2: 'Jump to “gone” (max 1×)',
    });
    // Without a catalog the ids are used.
    expect(summarizeStep(def.steps[0]!)).toBe('Assign to sales · round robin · online only');
    expect(stepOutputs(def.steps[6]!)).toEqual(['branch:x', 'else']);
  });
});
