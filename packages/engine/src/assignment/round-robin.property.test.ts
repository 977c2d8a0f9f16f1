import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEffectsToSnapshot } from '../interpreter/apply-effects';
import { assignConfigSchema } from '../steps/assign-step';
import { candidate, pool, snapshot, state } from '../test-support/fixtures';
import { decideAssignment } from './decide-assignment';
import { rotationOrder } from './round-robin';

describe('round robin fairness (property)', () => {
  it('N sequential assignments give every one of k online candidates floor(N/k) or ceil(N/k)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 60 }), fc.option(fc.nat(7), { nil: null }), (k, n, cursorIndex) => {
        const ids = Array.from({ length: k }, (_, i) => `u${i}`);
        const cursor = cursorIndex === null ? null : (ids[cursorIndex % k] ?? null);
        let snap = snapshot({ pools: { 'team:t': pool('team:t', ids.map((id) => candidate(id, { availability: 'online' })), cursor) } });
        const config = assignConfigSchema.parse({ target: { type: 'team', teamId: 't' } });
        const counts = new Map<string, number>(ids.map((id) => [id, 0]));
        for (let i = 0; i < n; i++) {
          // Each assignment is a fresh conversation; only the pool cursor carries over.
          const fresh = { ...snap, conversation: { ...snap.conversation, assigneeId: null } };
          const r = decideAssignment(config, fresh, state());
          const winner = r.decision.winnerUserId as string;
          counts.set(winner, (counts.get(winner) ?? 0) + 1);
          snap = applyEffectsToSnapshot(fresh, r.effects);
        }
        for (const c of counts.values()) {
          expect(c === Math.floor(n / k) || c === Math.ceil(n / k)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('rotationOrder is a rotation of the input', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 8 }), fc.option(fc.string(), { nil: null }), (ids, cursor) => {
        const order = rotationOrder(ids.map((userId) => ({ userId })), cursor).map((c) => c.userId);
        expect([...order].sort()).toEqual([...ids].sort());
        const at = cursor === null ? -1 : ids.indexOf(cursor);
        if (ids.length) expect(order[0]).toBe(ids[(at + 1) % ids.length]);
      }),
    );
  });
});
