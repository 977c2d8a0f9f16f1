import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stepOutputs } from '../steps/step-registry';
import { randomSnapshot, randomWorkflow, USER_IDS } from '../test-support/random-workflow';
import { validateDefinition } from '../validation/validate-definition';
import { advance } from './advance';
import { firstStepAfterTrigger } from './graph';
import { initialRunState } from './snapshot';

const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });

describe('advance over random valid workflows (property)', () => {
  it('generated workflows are valid', () => {
    fc.assert(
      fc.property(seed, (s) => {
        expect(validateDefinition(randomWorkflow(s))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('terminates within its bound, emits only known users, waits in the future, takes real handles', () => {
    fc.assert(
      fc.property(seed, seed, fc.integer({ min: 0, max: 3_600_000 }), (wfSeed, worldSeed, lateBy) => {
        const def = randomWorkflow(wfSeed);
        const known = new Set(USER_IDS);
        const totalJumps = def.steps.reduce((sum, st) => sum + (st.type === 'jump' ? st.config.maxJumps : 0), 0);
        // Between two taken jumps a run can visit each step at most once (edges form a DAG).
        const bound = def.steps.length * (totalJumps + 1);
        let snapshot = randomSnapshot(worldSeed, 1_700_000_000_000);
        let state = initialRunState();
        let start = firstStepAfterTrigger(def);
        let executed = 0;
        for (let resumes = 0; ; resumes++) {
          expect(resumes).toBeLessThanOrEqual(bound);
          const r = advance({ definition: def, startStepId: start, snapshot, state, maxSteps: 10_000 });
          executed += r.outcomes.length;
          expect(r.pause.type).not.toBe('step_limit');
          for (const o of r.outcomes) {
            const step = def.steps.find((x) => x.id === o.stepId);
            expect(step).toBeDefined();
            if (o.output !== null) expect(stepOutputs(step!)).toContain(o.output);
            else expect(o.stepType).toBe('jump');
            for (const eff of o.effects) {
              if (eff.type === 'assign' || eff.type === 'advance_cursor') expect(known.has(eff.userId)).toBe(true);
              if (eff.type === 'comment') for (const id of eff.mentionUserIds) expect(known.has(id)).toBe(true);
            }
            if (o.next.type === 'wait') expect(o.next.until).toBeGreaterThan(snapshot.now);
          }
          state = r.state;
          if (r.pause.type !== 'wait') break;
          expect(r.pause.until).toBeGreaterThan(snapshot.now);
          // The adapter may wake us late; the snapshot clock is whatever the DB says.
          snapshot = { ...r.snapshot, now: r.pause.until + lateBy };
          start = r.pause.resumeStepId;
        }
        expect(executed).toBeLessThanOrEqual(bound);
        expect(state.stepsExecuted).toBeLessThanOrEqual(bound);
      }),
      { numRuns: 300 },
    );
  });
});
