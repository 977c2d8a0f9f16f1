import { afterAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { WorkflowDefinitionInput } from '@baton/engine';
import { createTestWorkspace, testDatabase } from '../../testing';
import { tenant } from '../../tenancy/tenant';
import { createWorkflow } from '../../workflows/create-workflow';
import { updateWorkflow } from '../../workflows/update-workflow';
import { publishWorkflow } from '../../workflows/publish-workflow';
import { receiveInboundMessage } from '../../conversations/inbound/receive-inbound-message';
import { runMoves, runSteps, workflowRuns, workflowVersions } from '../../schema';
import { startRunsForEvent } from '../start-runs-for-event';
import { resumeWaitingRuns, type WaitRef } from '../resume-waiting-runs';
import { advanceRunMoves, type RunMoveDecision } from './advance-run-moves.sql';

const handle = testDatabase();
afterAll(() => handle.close());

/** trigger → wait "w" → comment: the comment's step id says which version the run finished on. */
const version = (waitSeconds: number, commentId: string): WorkflowDefinitionInput => ({
  schemaVersion: 1,
  trigger: { id: 'trigger', type: 'trigger', config: { event: 'conversation.opened', conditions: [] } },
  steps: [
    { id: 'w', type: 'wait', config: { duration: { amount: waitSeconds, unit: 'seconds' } } },
    { id: commentId, type: 'comment', config: { text: commentId, mentions: [] } },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'w' },
    { id: 'e2', source: 'w', sourceHandle: 'next', target: commentId },
  ],
});

async function waitingRuns(count: number) {
  const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Admin', role: 'admin' }, { name: 'Alice' }] });
  const t = tenant(handle.db, ws.workspaceId);
  const admin = ws.users.Admin!.id;
  const { id: workflowId } = await createWorkflow(t, { name: 'Wait then note', definition: version(1, 'old-note') }, admin);
  const v1 = await publishWorkflow(t, workflowId, admin);
  const runs: Array<{ runId: string; waitSeq: number }> = [];
  for (let i = 0; i < count; i++) {
    const inbound = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: `c-${i}`, name: `C${i}` }, text: 'Hello' });
    const [r] = await startRunsForEvent(t, inbound.outboxEventIds[0]!);
    expect(r!.status).toBe('waiting');
    runs.push({ runId: r!.runId, waitSeq: r!.wait!.waitSeq });
  }
  await updateWorkflow(t, workflowId, { definition: version(2, 'new-note') as never }, admin);
  return { ws, t, admin, workflowId, v1, runs };
}

const stepsOf = async (runIds: string[]) =>
  handle.db.select().from(runSteps).where(inArray(runSteps.runId, runIds)).orderBy(asc(runSteps.runId), asc(runSteps.seq));

async function drainMoves() {
  for (;;) {
    const r = await advanceRunMoves(handle.db, 2);
    if (r.idle) return;
  }
}

describe('moving waiting runs to a new version while their timers fire', () => {
  it('gives each run exactly one outcome, recorded: resumed on the old version, or moved and resumed on the new one', async () => {
    let movedTotal = 0;
    let oldTotal = 0;
    for (let round = 0; round < 6; round++) {
      const { t, admin, workflowId, v1, runs } = await waitingRuns(8);
      const v2 = await publishWorkflow(t, workflowId, admin, { moves: [{ fromStepId: 'w', toStepId: 'w' }] });
      expect(v2.runMoveId).not.toBeNull();
      // The timers (forced due, in small batches of their own) and the mover race for the same conversations.
      const refs: WaitRef[] = runs.map((r) => ({ workspaceId: t.workspaceId, runId: r.runId, waitSeq: r.waitSeq, force: true }));
      // The mover goes in run id order; the timers fire from the other end, one by one (even
      // rounds) or all at once in pairs (odd rounds), so they meet on the same runs mid-way.
      const fromTheEnd = [...refs].sort((a, b) => b.runId.localeCompare(a.runId));
      const fireOneByOne = async () => {
        for (const ref of fromTheEnd) await resumeWaitingRuns(handle.db, [ref]);
      };
      await Promise.all([
        drainMoves(),
        ...(round % 2 === 0 ? [fireOneByOne()] : [0, 2, 4, 6].map((i) => resumeWaitingRuns(handle.db, fromTheEnd.slice(i, i + 2)))),
      ]);
      await drainMoves();
      const [move] = await handle.db.select().from(runMoves).where(eq(runMoves.id, v2.runMoveId!));
      expect(move!.finishedAt).not.toBeNull();

      // The old timers are stale for moved runs (a newer wait sequence): firing them again does nothing.
      const again = await resumeWaitingRuns(handle.db, refs);
      const rows = await handle.db.select().from(workflowRuns).where(inArray(workflowRuns.id, runs.map((r) => r.runId)));
      const moved = rows.filter((r) => r.workflowVersionId === v2.versionId);
      for (const [i, ref] of refs.entries())
        if (moved.some((m) => m.id === ref.runId)) expect(again[i]!.outcome).toBe('stale');
      // The moved runs' re-planned timers resume them on the new version.
      await resumeWaitingRuns(handle.db, moved.map((r) => ({ workspaceId: t.workspaceId, runId: r.id, waitSeq: r.waitSeq, force: true })));

      const steps = await stepsOf(runs.map((r) => r.runId));
      for (const run of runs) {
        const own = steps.filter((s) => s.runId === run.runId);
        const moves = own.filter((s) => s.stepType === 'manual' && s.output === 'move');
        const notes = own.filter((s) => s.stepType === 'comment').map((s) => s.stepId);
        const [row] = await handle.db.select().from(workflowRuns).where(eq(workflowRuns.id, run.runId));
        expect(row!.status).toBe('completed');
        if (moves.length) {
          // Moved: recorded once with who decided, then finished on the new version's step only.
          expect(moves).toHaveLength(1);
          const d = moves[0]!.decision as RunMoveDecision;
          expect(d).toMatchObject({ action: 'move', actorUserId: admin, actorName: 'Admin', fromVersion: 1, toVersion: 2, fromStepId: 'w', toStepId: 'w' });
          expect(moves[0]!.actorUserId).toBe(admin);
          expect(notes).toEqual(['new-note']);
          expect(row!.workflowVersionId).toBe(v2.versionId);
          movedTotal++;
        } else {
          // Resumed before the move reached it: the old version, as if nothing had been chosen.
          expect(notes).toEqual(['old-note']);
          expect(row!.workflowVersionId).toBe(v1.versionId);
          oldTotal++;
        }
        // Sequence numbers stay unique per run (the log rows take their own).
        expect(new Set(own.map((s) => s.seq)).size).toBe(own.length);
      }
      expect(move!.moved).toBe(moved.length);
    }
    expect(movedTotal + oldTotal).toBe(48);
  });

  it('re-plans a moved wait from when it started, with the new duration', async () => {
    const { t, admin, workflowId, runs } = await waitingRuns(1);
    const [before] = await handle.db.select().from(runSteps).where(and(eq(runSteps.runId, runs[0]!.runId), eq(runSteps.stepId, 'w')));
    await publishWorkflow(t, workflowId, admin, { moves: [{ fromStepId: 'w', toStepId: 'w' }] });
    await drainMoves();
    const [run] = await handle.db.select().from(workflowRuns).where(eq(workflowRuns.id, runs[0]!.runId));
    // 2 s from when the wait began (not from the move), unless that is already past.
    expect(run!.wakeAt!.getTime()).toBeGreaterThanOrEqual(before!.startedAt.getTime() + 2000);
    expect(run!.wakeAt!.getTime()).toBeLessThan(Math.max(before!.startedAt.getTime() + 2000, Date.now()) + 1000);
    expect(run!.waitSeq).toBe(runs[0]!.waitSeq + 1);
    const open = await handle.db.select().from(runSteps).where(and(eq(runSteps.runId, run!.id), eq(runSteps.stepType, 'wait')));
    expect(open.map((s) => s.finishedAt === null)).toEqual([false, true]);
  });
});

describe('finishing on the old version (the default)', () => {
  it('publishing without moves leaves waiting runs on their version, exactly as before', async () => {
    const { t, admin, workflowId, v1, runs } = await waitingRuns(2);
    const v2 = await publishWorkflow(t, workflowId, admin);
    expect(v2.runMoveId).toBeNull();
    expect(await handle.db.select().from(runMoves).where(eq(runMoves.workflowId, workflowId))).toEqual([]);
    await drainMoves();
    const results = await resumeWaitingRuns(handle.db, runs.map((r) => ({ workspaceId: t.workspaceId, runId: r.runId, waitSeq: r.waitSeq, force: true })));
    expect(results.map((r) => r.outcome)).toEqual(['resumed', 'resumed']);
    const steps = await stepsOf(runs.map((r) => r.runId));
    expect(steps.filter((s) => s.stepType === 'manual')).toEqual([]);
    expect(steps.filter((s) => s.stepType === 'comment').map((s) => s.stepId)).toEqual(['old-note', 'old-note']);
    const rows = await handle.db.select().from(workflowRuns).where(inArray(workflowRuns.id, runs.map((r) => r.runId)));
    expect(rows.map((r) => r.workflowVersionId)).toEqual([v1.versionId, v1.versionId]);
  });

  it('refuses a move to a step the new version does not have, naming the field, and publishes and moves nothing', async () => {
    const { t, admin, workflowId, runs } = await waitingRuns(1);
    await expect(publishWorkflow(t, workflowId, admin, { moves: [{ fromStepId: 'w', toStepId: 'nope' }] })).rejects.toMatchObject({
      code: 'invalid',
      details: [{ field: 'moves.0.toStepId', message: 'Step "nope" is not in the new version' }],
    });
    const versions = await handle.db.select().from(workflowVersions).where(eq(workflowVersions.workflowId, workflowId));
    expect(versions).toHaveLength(1);
    expect(await handle.db.select().from(runMoves).where(eq(runMoves.workflowId, workflowId))).toEqual([]);
    const [run] = await handle.db.select().from(workflowRuns).where(eq(workflowRuns.id, runs[0]!.runId));
    expect(run!.waitSeq).toBe(runs[0]!.waitSeq);
  });
});
