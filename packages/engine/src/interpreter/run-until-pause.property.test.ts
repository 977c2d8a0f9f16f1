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
        expect(validateDefinition(randomWorkflow(s, 8, { httpRequests: true }))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  // Business-time steps resolve wall-clock times through Luxon (slow on a cold cache): room for a loaded machine.
  it('terminates within its bound, emits only known users, waits in the future, takes real handles', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(seed, seed, fc.integer({ min: 0, max: 3_600_000 }), (wfSeed, worldSeed, lateBy) => {
        const def = randomWorkflow(wfSeed, 8, { httpRequests: true });
        const known = new Set(USER_IDS);
        const totalJumps = def.steps.reduce((sum, st) => sum + (st.type === 'jump' ? st.config.maxJumps : 0), 0);
        // Between two taken jumps a run can visit each step at most once (edges form a DAG);
        // an HTTP request step runs twice (request, then the answer), and so does a queued
        // assign step (queued, then assigned or timed out).
        const bound = def.steps.length * (totalJumps + 1) * 2;
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
            // No handle taken: a jump, an HTTP request waiting for its answer, or an assign
            // step that queued the run (it runs again).
            else if (o.stepType === 'assign') expect(o.next).toMatchObject({ type: 'wait', resumeStepId: o.stepId });
            else expect(['jump', 'http_request']).toContain(o.stepType);
            for (const eff of o.effects) {
              if (eff.type === 'assign' || eff.type === 'advance_cursor') expect(known.has(eff.userId)).toBe(true);
              if (eff.type === 'comment') for (const id of eff.mentionUserIds) expect(known.has(id)).toBe(true);
            }
            // An HTTP request pauses due at once (the worker calls, then resumes it); a wait is in the future.
            if (o.next.type === 'wait') expect(o.next.until).toBeGreaterThan(o.stepType === 'http_request' ? snapshot.now - 1 : snapshot.now);
          }
          state = r.state;
          if (r.end.status !== 'waiting') break;
          const pending = state.pendingHttp;
          expect(r.end.wakeAt).toBeGreaterThan(pending ? snapshot.now - 1 : snapshot.now);
          // The adapter may wake us late; the snapshot clock is whatever the DB says.
          snapshot = { ...r.snapshot, now: r.end.wakeAt + lateBy };
          start = r.end.resumeStepId;
          // The worker's answer to a paused HTTP request: success or failure, by the seed.
          if (pending) state = { ...state, httpResult: { stepId: pending.stepId, status: (wfSeed + resumes) % 3 ? 200 : 503, error: null, json: { data: { plan: 'pro' } } } };
        }
        expect(executed).toBeLessThanOrEqual(bound);
        expect(state.stepsExecuted).toBeLessThanOrEqual(bound);
      }),
      { numRuns: 300 },
    );
  });
});
