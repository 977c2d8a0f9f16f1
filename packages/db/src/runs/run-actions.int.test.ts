import { afterAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { reassignIfNoReply } from '@baton/engine';
import { testDatabase, createTestWorkspace } from '../testing';
import { tenant, type Tenant } from '../tenancy/tenant';
import { createWorkflow } from '../workflows/create-workflow';
import { publishWorkflow } from '../workflows/publish-workflow';
import { receiveInboundMessage } from '../conversations/inbound/receive-inbound-message';
import { getConversation } from '../conversations/get-conversation';
import { runSteps, workflowRuns } from '../schema';
import { startRunsForEvent } from './start-runs-for-event';
import { resumeWaitingRun } from './resume-waiting-run';
import { fireWaitNow } from './fire-wait-now';
import { cancelRun } from './cancel-run';
import { retryRun } from './retry-run';
import { listPendingTimers } from './list-pending-timers';
import { getStepAnalytics } from './get-step-analytics.sql';
import type { ManualDecision } from './record-run-action';

const handle = testDatabase();
afterAll(() => handle.close());

/** The seed scenario with its real 15-minute wait: nothing fires unless someone fires it. */
async function waitingRun() {
  const ws = await createTestWorkspace(handle.db, {
    members: [
      { name: 'Admin', role: 'admin' },
      { name: 'Lee', role: 'lead' },
      { name: 'Alice' },
      { name: 'Bob', availability: 'offline' },
      { name: 'Carol' },
    ],
    teams: { Sales: ['Alice', 'Bob'], Support: ['Carol'] },
  });
  const t = tenant(handle.db, ws.workspaceId);
  const definition = reassignIfNoReply({ firstTeamId: ws.teams.Sales!, secondTeamId: ws.teams.Support!, waitMinutes: 15 });
  const { id: workflowId } = await createWorkflow(t, { name: 'Reassign', definition }, ws.users.Admin!.id);
  await publishWorkflow(t, workflowId, ws.users.Admin!.id);
  const inbound = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'dana', name: 'Dana' }, text: 'Hello?' });
  const [result] = await startRunsForEvent(t, inbound.outboxEventIds[0]!);
  expect(result!.status).toBe('waiting');
  return { ws, t, workflowId, conversationId: inbound.conversationId, runId: result!.runId, waitSeq: result!.wait!.waitSeq };
}

const stepsOf = (runId: string) =>
  handle.db.select().from(runSteps).where(eq(runSteps.runId, runId)).orderBy(asc(runSteps.seq));
const runOf = async (runId: string) => (await handle.db.select().from(workflowRuns).where(eq(workflowRuns.id, runId)))[0]!;

describe('fire a pending timer now', () => {
  it('makes the wait due immediately, logs who fired it, and the ordinary timer then moves the run on', async () => {
    const { ws, t, runId, waitSeq, conversationId } = await waitingRun();
    // Not due for 15 minutes: the timer on its own does nothing yet.
    expect((await resumeWaitingRun(t, runId, waitSeq)).outcome).toBe('early');

    const { wait, afterCommit } = await fireWaitNow(t, runId, waitSeq, ws.users.Lee!.id);
    expect(wait.waitSeq).toBe(waitSeq);
    expect(wait.wakeAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    // What the caller hands over after the commit: that wait's job made due now, nothing else.
    expect(afterCommit).toEqual({ workspaceId: ws.workspaceId, events: [], waits: [], firedWaits: [wait], cancelledWaits: [], deliveries: [], notices: [] });

    // No force: the worker's normal path finds the wait due by the database clock.
    const resumed = await resumeWaitingRun(t, runId, waitSeq);
    expect(resumed.outcome).toBe('resumed');
    expect((await runOf(runId)).status).toBe('completed');
    expect((await getConversation(t, conversationId)).assigneeId).toBe(ws.users.Carol!.id);

    const steps = await stepsOf(runId);
    expect(steps.map((s) => s.stepType)).toEqual(['trigger', 'assign', 'wait', 'manual', 'branch', 'assign', 'comment']);
    const manual = steps.find((s) => s.stepType === 'manual')!;
    expect(manual.actorUserId).toBe(ws.users.Lee!.id);
    expect(manual.stepId).toBe('wait');
    const decision = manual.decision as ManualDecision;
    expect(decision.action).toBe('fire_now');
    expect(decision.explanation).toMatch(/^Lee fired the timer now/);
    // Sequence numbers stay unique and in order with the log row in between.
    expect(steps.map((s) => s.seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('refuses a timer that is no longer the pending one', async () => {
    const { ws, t, runId, waitSeq } = await waitingRun();
    await expect(fireWaitNow(t, runId, waitSeq + 1, ws.users.Lee!.id)).rejects.toMatchObject({ code: 'conflict' });
    await fireWaitNow(t, runId, waitSeq, ws.users.Lee!.id);
    await resumeWaitingRun(t, runId, waitSeq);
    await expect(fireWaitNow(t, runId, waitSeq, ws.users.Lee!.id)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('lists the waiting run on the timers board until it fires', async () => {
    const { ws, t, runId, waitSeq } = await waitingRun();
    const board = await listPendingTimers(t);
    expect(board).toHaveLength(1);
    expect(board[0]).toMatchObject({ runId, waitSeq, currentStepId: 'wait', contactName: 'Dana', assigneeName: 'Alice' });
    await fireWaitNow(t, runId, waitSeq, ws.users.Lee!.id);
    await resumeWaitingRun(t, runId, waitSeq);
    expect(await listPendingTimers(t)).toHaveLength(0);
  });
});

describe('cancel a run', () => {
  it('stops a waiting run, records who did it, and its timer then finds nothing to do', async () => {
    const { ws, t, runId, waitSeq, conversationId } = await waitingRun();
    const result = await cancelRun(t, runId, ws.users.Lee!.id);
    expect(result.cancelledWait).toEqual({ waitSeq });
    expect(result.afterCommit).toMatchObject({ events: [], waits: [], firedWaits: [], cancelledWaits: [{ runId, waitSeq }], notices: [] });
    const run = await runOf(runId);
    expect(run).toMatchObject({ status: 'cancelled', error: 'Cancelled by Lee', wakeAt: null });
    expect(run.finishedAt).not.toBeNull();
    expect((await resumeWaitingRun(t, runId, waitSeq, { force: true })).outcome).toBe('stale');
    expect((await getConversation(t, conversationId)).assigneeId).toBe(ws.users.Alice!.id);

    const steps = await stepsOf(runId);
    const manual = steps.at(-1)!;
    expect(manual).toMatchObject({ stepType: 'manual', output: 'cancel', actorUserId: ws.users.Lee!.id });
    expect(steps.find((s) => s.stepType === 'wait')!.finishedAt).not.toBeNull();
    await expect(cancelRun(t, runId, ws.users.Lee!.id)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('does not cancel another workspace’s run', async () => {
    const { runId } = await waitingRun();
    const other = await createTestWorkspace(handle.db, { members: [{ name: 'Mallory', role: 'owner' }] });
    const t: Tenant = tenant(handle.db, other.workspaceId);
    await expect(cancelRun(t, runId, other.users.Mallory!.id)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('retry a failed run from the failed step', () => {
  it('re-runs from the step it failed at, keeps its state, and logs who retried', async () => {
    const { ws, t, runId, conversationId } = await waitingRun();
    // A failure at the branch (the engine marks a run failed and keeps current_step_id).
    await handle.db
      .update(workflowRuns)
      .set({ status: 'failed', error: 'boom', currentStepId: 'check-reply', wakeAt: null, finishedAt: new Date() })
      .where(and(eq(workflowRuns.id, runId)));
    await expect(fireWaitNow(t, runId, 1, ws.users.Lee!.id)).rejects.toMatchObject({ code: 'conflict' });

    const { wait, afterCommit } = await retryRun(t, runId, ws.users.Lee!.id);
    // What the caller hands over after the commit: that wait, and nothing else.
    expect(afterCommit).toEqual({ workspaceId: ws.workspaceId, events: [], waits: [wait], firedWaits: [], cancelledWaits: [], deliveries: [], notices: [] });
    // The retry is a wait due now, which the worker resumes like any timer.
    expect(await runOf(runId)).toMatchObject({ status: 'waiting', error: null, resumeStepId: 'check-reply', waitSeq: wait.waitSeq });
    expect(await resumeWaitingRun(t, runId, wait.waitSeq)).toMatchObject({ outcome: 'resumed', result: { status: 'completed' } });
    const run = await runOf(runId);
    expect(run).toMatchObject({ status: 'completed', error: null });
    // Alice was tried by the first assignment; the state survived, so Support's Carol gets it.
    expect((await getConversation(t, conversationId)).assigneeId).toBe(ws.users.Carol!.id);
    const steps = await stepsOf(runId);
    expect(steps.map((s) => `${s.stepType}:${s.stepId}`)).toEqual([
      'trigger:trigger',
      'assign:assign-first',
      'wait:wait',
      'manual:check-reply',
      'branch:check-reply',
      'assign:assign-second',
      'comment:notify-reassigned',
    ]);
    expect((steps[3]!.decision as ManualDecision).explanation).toBe(
      'Lee retried the run from step check-reply (it had failed: boom).',
    );
    await expect(retryRun(t, runId, ws.users.Lee!.id)).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('step analytics', () => {
  it('counts runs per step and per branch output over the period', async () => {
    const { ws, t, workflowId, runId, waitSeq } = await waitingRun();
    await fireWaitNow(t, runId, waitSeq, ws.users.Lee!.id);
    await resumeWaitingRun(t, runId, waitSeq);
    // A second conversation that stays waiting.
    const inbound = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'eve', name: 'Eve' }, text: 'Hi' });
    await startRunsForEvent(t, inbound.outboxEventIds[0]!);

    const a = await getStepAnalytics(t, { workflowId, from: new Date(Date.now() - 3600_000), to: new Date(Date.now() + 3600_000) });
    expect(a.runs).toBe(2);
    const by = Object.fromEntries(a.steps.map((s) => [s.stepId, s]));
    expect(by['trigger']).toMatchObject({ runsReached: 2, outputs: { next: 2 } });
    expect(by['assign-first']).toMatchObject({ runsReached: 2, outputs: { next: 2 } });
    expect(by['wait']!.runsReached).toBe(2);
    expect(by['check-reply']).toMatchObject({ runsReached: 1, outputs: { 'branch:no-reply': 1 } });
    expect(by['assign-second']!.runsReached).toBe(1);
    expect(by['notify-reassigned']!.runsReached).toBe(1);
    expect(by['no-one-first']).toBeUndefined();

    const empty = await getStepAnalytics(t, { workflowId, from: new Date('2020-01-01'), to: new Date('2020-02-01') });
    expect(empty).toEqual({ runs: 0, steps: [] });
  });

  it('refuses a span over 366 days or a backwards one, naming the field (security review #9)', async () => {
    const workflowId = '00000000-0000-4000-8000-000000000001';
    const t = { db: null, workspaceId: workflowId } as never;
    const issue = async (from: string, to: string) => {
      const error = (await getStepAnalytics(t, { workflowId, from, to }).catch((e: unknown) => e)) as { issues?: Array<{ path: unknown[]; message: string }> };
      return error.issues?.[0];
    };
    expect(await issue('2020-01-01', '2021-01-02T00:00:01Z')).toMatchObject({ path: ['from'], message: 'A period can span at most 366 days' });
    expect(await issue('2021-01-01', '2020-01-01')).toMatchObject({ path: ['to'] });
  });
});
