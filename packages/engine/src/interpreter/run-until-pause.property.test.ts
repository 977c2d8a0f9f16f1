import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stepOutputs } from '../steps/step-registry';
import { randomSnapshot, randomWorkflow, USER_IDS } from '../test-support/random-workflow';
import { validateDefinition } from '../validation/validate-definition';
import { runUntilPause } from './run-until-pause';
import { firstStepAfterTrigger } from './graph';
import { initialRunState } from './snapshot';

const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });

describe('runUntilPause over random valid workflows (property)', () => {
  it('generated workflows are valid', () => {
    fc.assert(
      fc.property(seed, (s) => {
        expect(validateDefinition(randomWorkflow(s))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  // Business-time steps resolve wall-clock times through Luxon (slow on a cold cache): room for a loaded machine.
  it('terminates within its bound, emits only known users, waits in the future, takes real handles', { timeout: 30_000 }, () => {
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
          const r = runUntilPause({ definition: def, versionId: 'v1', startStepId: start, snapshot, state, maxSteps: 10_000 });
          executed += r.steps.length;
          expect(r.end.status).not.toBe('failed');
          for (const { outcome: o } of r.steps) {
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
          if (r.end.status !== 'waiting') break;
          expect(r.end.wakeAt).toBeGreaterThan(snapshot.now);
          // The adapter may wake us late; the snapshot clock is whatever the DB says.
          snapshot = { ...r.snapshot, now: r.end.wakeAt + lateBy };
          start = r.end.resumeStepId;
        }
        expect(executed).toBeLessThanOrEqual(bound);
        expect(state.stepsExecuted).toBeLessThanOrEqual(bound);
      }),
      { numRuns: 300 },
    );
  });
});
