import { describe, expect, it } from 'vitest';
import { assignConfigSchema } from '../steps/assign-step';
import { candidate, pool, snapshot, state } from '../test-support/fixtures';
import { decideAssignment } from './decide-assignment';

const cfg = (c: Record<string, unknown>) => assignConfigSchema.parse(c);
const team = (teamId: string, extra: Record<string, unknown> = {}) => cfg({ target: { type: 'team', teamId }, ...extra });
const online = (ids: string[], overrides: Record<string, Partial<ReturnType<typeof candidate>>> = {}) =>
  ids.map((id) => candidate(id, { availability: 'online', ...overrides[id] }));

describe('round robin', () => {
  const s = (cursor: string | null) => snapshot({ pools: { 'team:sales': pool('team:sales', online(['alice', 'bob', 'dave']), cursor) } });

  it('starts at the top without a cursor', () => {
    const r = decideAssignment(team('sales'), s(null), state());
    expect(r.decision.winnerUserId).toBe('alice');
    expect(r.decision.explanation).toBe('Alice chosen by round robin: first in rotation among 3 eligible in Sales.');
  });

  it('picks the next after the cursor and wraps', () => {
    expect(decideAssignment(team('sales'), s('alice'), state()).decision.winnerUserId).toBe('bob');
    expect(decideAssignment(team('sales'), s('bob'), state()).decision.winnerUserId).toBe('dave');
    expect(decideAssignment(team('sales'), s('dave'), state()).decision.winnerUserId).toBe('alice');
  });

  it('restarts at the top when the cursor left the pool', () => {
    expect(decideAssignment(team('sales'), s('zed'), state()).decision.winnerUserId).toBe('alice');
  });

  it('skips ineligible candidates and explains why', () => {
    const snap = snapshot({ pools: { 'team:sales': pool('team:sales', ['alice', 'bob', 'carol', 'dave'].map((id) => candidate(id)), 'bob') } });
    const r = decideAssignment(team('sales'), snap, state({ triedUserIds: ['dave'] }));
    expect(r.decision.winnerUserId).toBe('alice');
    expect(r.decision.explanation).toBe('Alice chosen by round robin: next after Bob among 2 eligible in Sales (Carol offline, Dave already tried).');
  });

  it('emits assign + advance_cursor and updates the run state', () => {
    const r = decideAssignment(team('sales'), snapshot({ conversation: { assigneeId: 'erin' } }), state({ triedUserIds: ['erin'] }));
    expect(r.output).toBe('next');
    expect(r.effects).toEqual([
      { type: 'assign', userId: 'alice', teamId: 'sales', reason: r.decision.explanation },
      { type: 'advance_cursor', pool: 'team:sales', userId: 'alice' },
    ]);
    expect(r.state.triedUserIds).toEqual(['erin', 'alice']);
    expect(r.state.previousAssigneeId).toBe('erin');
    expect(r.decision.cursorBefore).toBeNull();
  });
});

describe('least open', () => {
  const counts = { alice: 3, bob: 1, dave: 1 };
  const s = (cursor: string | null) =>
    snapshot({
      pools: {
        'team:sales': pool('team:sales', online(['alice', 'bob', 'dave'], { alice: { openCount: counts.alice }, bob: { openCount: counts.bob }, dave: { openCount: counts.dave } }), cursor),
      },
    });
  const lo = team('sales', { logic: 'least_open' });

  it('picks the fewest open conversations', () => {
    const snap = snapshot({ pools: { 'team:sales': pool('team:sales', online(['alice', 'bob'], { alice: { openCount: 0 }, bob: { openCount: 4 } }), 'alice') } });
    const r = decideAssignment(lo, snap, state());
    expect(r.decision.winnerUserId).toBe('alice');
    expect(r.decision.explanation).toBe('Alice chosen by least open: fewest open conversations (0) among 2 eligible in Sales.');
  });

  it('breaks ties by rotation after the cursor so ties rotate', () => {
    const first = decideAssignment(lo, s(null), state());
    expect(first.decision.winnerUserId).toBe('bob');
    expect(first.decision.tieBreak).toEqual({ openCounts: counts, minOpen: 1, tiedUserIds: ['bob', 'dave'], order: ['bob', 'dave'] });
    const second = decideAssignment(lo, s('bob'), state());
    expect(second.decision.winnerUserId).toBe('dave');
    expect(second.decision.tieBreak?.order).toEqual(['dave', 'bob']);
    expect(second.decision.explanation).toBe('Dave chosen by least open: fewest open conversations (1) among 3 eligible in Sales; tied with Bob, next after Bob.');
    expect(decideAssignment(lo, s('dave'), state()).decision.winnerUserId).toBe('bob');
    expect(second.effects).toContainEqual({ type: 'advance_cursor', pool: 'team:sales', userId: 'dave' });
  });
});

describe('exclusion reasons', () => {
  it('reports each reason in priority order', () => {
    const snap = snapshot({
      conversation: { assigneeId: 'frank' },
      pools: {
        'team:sales': pool('team:sales', [
          candidate('gone', { inPool: false, availability: 'offline' }),
          candidate('carol', { availability: 'offline' }),
          candidate('erin', { availability: 'away' }),
          candidate('full', { name: 'Full', openCount: 5 }),
          candidate('tried', { name: 'Tried', openCount: 9 }),
          candidate('frank', { name: 'Frank' }),
        ]),
      },
    });
    const r = decideAssignment(team('sales', { maxOpen: 5 }), snap, state({ triedUserIds: ['tried'] }));
    expect(r.decision.candidates.map((c) => [c.userId, c.eligible, c.excludedReason])).toEqual([
      ['gone', false, 'not_in_pool'],
      ['carol', false, 'offline'],
      ['erin', false, 'away'],
      ['full', false, 'at_capacity'],
      ['tried', false, 'at_capacity'],
      ['frank', false, 'current_assignee'],
    ]);
    const r2 = decideAssignment(team('sales'), snap, state({ triedUserIds: ['tried'] }));
    expect(r2.decision.candidates.find((c) => c.userId === 'tried')?.excludedReason).toBe('already_tried');
  });

  it('honours onlyOnline=false and excludeTried=false, but never re-picks the current assignee', () => {
    const snap = snapshot({
      conversation: { assigneeId: 'alice' },
      pools: { 'team:sales': pool('team:sales', [candidate('alice'), candidate('carol'), candidate('bob')]) },
    });
    const r = decideAssignment(team('sales', { onlyOnline: false, excludeTried: false }), snap, state({ triedUserIds: ['carol'] }));
    expect(r.decision.winnerUserId).toBe('carol');
    expect(r.decision.candidates[0]?.excludedReason).toBe('current_assignee');
  });
});

describe('no one available', () => {
  it('takes no_one_available with no effects and a plain explanation', () => {
    const snap = snapshot({
      pools: { 'team:support': pool('team:support', [candidate('carol', { availability: 'away', name: 'Carol' }), candidate('erin', { availability: 'online', openCount: 5 })]) },
    });
    const r = decideAssignment(team('support', { maxOpen: 5 }), snap, state());
    expect(r.output).toBe('no_one_available');
    expect(r.effects).toEqual([]);
    expect(r.decision.winnerUserId).toBeNull();
    expect(r.decision.explanation).toBe('No one available in Support: Carol away, Erin at capacity (5 open ≥ 5).');
    expect(r.state).toEqual(state());
  });

  it('explains empty and missing pools', () => {
    const empty = snapshot({ pools: { 'team:support': pool('team:support', []) } });
    expect(decideAssignment(team('support'), empty, state()).decision.explanation).toBe('No one available in Support: nobody is in it.');
    expect(decideAssignment(team('nope'), snapshot(), state()).decision.explanation).toBe('No one available in nope: its candidates were not loaded.');
  });
});

describe('other targets', () => {
  it('assigns a specific user with the same checks and no cursor movement', () => {
    const snap = snapshot({ conversation: { teamId: 'support' }, pools: { 'user:alice': pool('user:alice', [candidate('alice')]) } });
    const r = decideAssignment(cfg({ target: { type: 'user', userId: 'alice' } }), snap, state());
    expect(r.effects).toEqual([{ type: 'assign', userId: 'alice', teamId: 'support', reason: 'Alice chosen: assigned directly.' }]);
    const tried = decideAssignment(cfg({ target: { type: 'user', userId: 'alice' } }), snap, state({ triedUserIds: ['alice'] }));
    expect(tried.output).toBe('no_one_available');
    expect(tried.decision.explanation).toBe('No one available in Alice: Alice already tried.');
  });

  it('assigns from the workspace pool', () => {
    const snap = snapshot({ pools: { workspace: pool('workspace', online(['dave', 'bob']), 'dave') } });
    const r = decideAssignment(cfg({ target: { type: 'workspace' } }), snap, state());
    expect(r.decision.winnerUserId).toBe('bob');
    expect(r.effects[0]).toMatchObject({ type: 'assign', userId: 'bob', teamId: null });
    expect(r.decision.explanation).toContain('in the workspace');
  });

  it('unassigns', () => {
    const r = decideAssignment(cfg({ target: { type: 'unassign' } }), snapshot({ conversation: { assigneeId: 'bob' } }), state());
    expect(r.effects).toEqual([{ type: 'unassign', reason: 'Unassigned by workflow' }]);
    expect(r.output).toBe('next');
    expect(r.state.previousAssigneeId).toBe('bob');
    expect(r.decision.explanation).toBe('Unassigned Bob.');
  });
});
