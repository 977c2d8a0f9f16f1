import { describe, expect, it } from 'vitest';
import { assignConfigSchema } from '../steps/assign-step';
import { candidate, pool, snapshot, state } from '../test-support/fixtures';
import { decideAssignment } from './decide-assignment';

const cfg = (c: Record<string, unknown>) => assignConfigSchema.parse(c);
const team = (extra: Record<string, unknown> = {}) => cfg({ target: { type: 'team', teamId: 'sales' }, ...extra });

// Capacity per agent (issue #16 item 4): the member's own limit, honoured by every assign step.
describe('member capacity', () => {
  const snap = (bobOpen: number, cursor: string | null = null) =>
    snapshot({
      pools: {
        'team:sales': pool(
          'team:sales',
          [
            candidate('alice', { availability: 'online', openCount: 2, capacity: 3 }),
            candidate('bob', { name: 'Bob', availability: 'online', openCount: bobOpen, capacity: 8 }),
          ],
          cursor,
        ),
      },
    });

  it('round robin skips a member at capacity and the trace says "Bob at capacity 8/8"', () => {
    const r = decideAssignment(team(), snap(8, 'alice'), state());
    expect(r.decision.winnerUserId).toBe('alice');
    expect(r.decision.explanation).toContain('Bob at capacity 8/8');
    expect(r.decision.candidates.find((c) => c.userId === 'bob')).toMatchObject({ eligible: false, excludedReason: 'at_capacity', capacity: 8 });
  });

  it('least open skips a member at capacity even with the fewest open', () => {
    const s = snapshot({
      pools: {
        'team:sales': pool('team:sales', [
          candidate('alice', { availability: 'online', openCount: 1, capacity: 1 }),
          candidate('bob', { name: 'Bob', availability: 'online', openCount: 5 }),
        ]),
      },
    });
    const r = decideAssignment(team({ logic: 'least_open' }), s, state());
    expect(r.decision.winnerUserId).toBe('bob');
  });

  it('a specific-user step does not assign past capacity', () => {
    const s = snapshot({ pools: { 'user:bob': pool('user:bob', [candidate('bob', { name: 'Bob', availability: 'online', openCount: 8, capacity: 8 })]) } });
    const r = decideAssignment(cfg({ target: { type: 'user', userId: 'bob' } }), s, state());
    expect(r.output).toBe('no_one_available');
    expect(r.decision.explanation).toBe('No one available in Bob: Bob at capacity 8/8.');
  });

  it("a step's maxOpen stays a further cap below the member's capacity", () => {
    const r = decideAssignment(team({ maxOpen: 4 }), snap(5, 'alice'), state());
    expect(r.decision.winnerUserId).toBe('alice');
    expect(r.decision.explanation).toContain('Bob at capacity (5 open ≥ 4)');
  });

  it('nobody below capacity: no_one_available names each one', () => {
    const s = snapshot({
      pools: {
        'team:sales': pool('team:sales', [
          candidate('alice', { name: 'Alice', availability: 'online', openCount: 3, capacity: 3 }),
          candidate('bob', { name: 'Bob', availability: 'online', openCount: 8, capacity: 8 }),
        ]),
      },
    });
    const r = decideAssignment(team(), s, state());
    expect(r.output).toBe('no_one_available');
    expect(r.decision.explanation).toBe('No one available in Sales: Alice at capacity 3/3, Bob at capacity 8/8.');
  });

  it('null capacity is unlimited', () => {
    const s = snapshot({ pools: { 'team:sales': pool('team:sales', [candidate('bob', { availability: 'online', openCount: 500, capacity: null })]) } });
    expect(decideAssignment(team(), s, state()).decision.winnerUserId).toBe('bob');
  });
});
