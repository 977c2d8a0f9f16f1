import { afterAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { reassignIfNoReply } from '@baton/engine';
import { testDatabase, createTestWorkspace } from '../testing';
import { tenant } from '../tenancy/tenant';
import { createWorkflow } from '../workflows/create-workflow';
import { publishWorkflow } from '../workflows/publish-workflow';
import { receiveInboundMessage } from '../conversations/inbound/receive-inbound-message';
import { sendReply } from '../conversations/send-reply';
import { getConversation } from '../conversations/get-conversation';
import { startRunsForEvent } from './start-runs-for-event';
import { resumeWaitingRun } from './resume-waiting-run';
import { runSteps, workflowRuns, memberships } from '../schema';

const handle = testDatabase();
afterAll(() => handle.close());

async function setup(opts: { carol?: 'online' | 'away' | 'offline'; waitSeconds?: number } = {}) {
  const ws = await createTestWorkspace(handle.db, {
    members: [
      { name: 'Admin', role: 'admin' },
      { name: 'Alice' },
      { name: 'Bob', availability: 'offline' },
      { name: 'Carol', availability: opts.carol ?? 'online' },
    ],
    teams: { Sales: ['Alice', 'Bob'], Support: ['Carol'] },
  });
  const t = tenant(handle.db, ws.workspaceId);
  const definition = reassignIfNoReply({
    firstTeamId: ws.teams.Sales!,
    secondTeamId: ws.teams.Support!,
    duration: { amount: opts.waitSeconds ?? 1, unit: 'seconds' },
  });
  const { id } = await createWorkflow(
    t,
    { name: 'Reassign if no reply', definition },
    ws.users.Admin!.id,
  );
  await publishWorkflow(t, id, ws.users.Admin!.id);
  return { ws, t, workflowId: id };
}

async function customerWrites(t: ReturnType<typeof tenant>, channelId: string, text = 'Hello?') {
  const inbound = await receiveInboundMessage(t, channelId, {
    contact: { externalId: `c-${Math.random()}`, name: 'Dana' },
    text,
  });
  const results = [];
  for (const eventId of inbound.outboxEventIds)
    results.push(...(await startRunsForEvent(t, eventId)));
  return { inbound, results };
}

describe('seed scenario: assign, wait, reassign when nobody answered', () => {
  it('assigns Alice, then hands the conversation to Carol with a comment that mentions her', async () => {
    const { ws, t } = await setup();
    const { inbound, results } = await customerWrites(t, ws.channelId);
    expect(results).toHaveLength(1);
    const [first] = results;
    expect(first!.status).toBe('waiting');
    let conv = await getConversation(t, inbound.conversationId);
    expect(conv.assigneeId).toBe(ws.users.Alice!.id);

    // Too early: the database clock says not yet, so nothing happens.
    const early = await resumeWaitingRun(t, first!.runId, first!.wait!.waitSeq);
    expect(early.outcome).toBe('early');

    await new Promise((r) => setTimeout(r, 1100));
    const resumed = await resumeWaitingRun(t, first!.runId, first!.wait!.waitSeq);
    expect(resumed.outcome).toBe('resumed');
    conv = await getConversation(t, inbound.conversationId);
    expect(conv.assigneeId).toBe(ws.users.Carol!.id);
    expect(conv.events.map((e) => e.type)).toEqual(['opened', 'assigned', 'reassigned']);
    expect(conv.comments).toHaveLength(1);
    expect(conv.comments[0]!.mentionUserIds).toEqual([ws.users.Carol!.id]);
    expect(conv.comments[0]!.body).toContain('Alice');

    const steps = await handle.db
      .select()
      .from(runSteps)
      .where(eq(runSteps.runId, first!.runId))
      .orderBy(runSteps.seq);
    const assignments = steps.filter((s) => s.stepType === 'assign');
    expect(assignments).toHaveLength(2);
    const firstDecision = assignments[0]!.decision as {
      explanation: string;
      candidates: Array<{ name: string; excludedReason?: string }>;
    };
    expect(firstDecision.explanation).toMatch(/Alice/);
    expect(firstDecision.candidates.find((c) => c.name === 'Bob')?.excludedReason).toBe('offline');
    const [run] = await handle.db
      .select()
      .from(workflowRuns)
      .where(eq(workflowRuns.id, first!.runId));
    expect(run!.status).toBe('completed');

    // The same timer delivered again is stale: one reassignment, one comment.
    expect((await resumeWaitingRun(t, first!.runId, first!.wait!.waitSeq)).outcome).toBe('stale');
    expect((await getConversation(t, inbound.conversationId)).comments).toHaveLength(1);
  });

  it('does not reassign when Alice replied before the wait ended', async () => {
    const { ws, t } = await setup();
    const { inbound, results } = await customerWrites(t, ws.channelId);
    await sendReply(t, inbound.conversationId, { userId: ws.users.Alice!.id, text: 'Hi Dana!' });
    await new Promise((r) => setTimeout(r, 1100));
    const resumed = await resumeWaitingRun(t, results[0]!.runId, results[0]!.wait!.waitSeq);
    expect(resumed.outcome).toBe('resumed');
    const conv = await getConversation(t, inbound.conversationId);
    expect(conv.assigneeId).toBe(ws.users.Alice!.id);
    expect(conv.events.map((e) => e.type)).toEqual(['opened', 'assigned']);
    expect(conv.firstResponseMs).toBeGreaterThanOrEqual(0);
  });

  it('takes the "no one available" exit and records why when nobody is online', async () => {
    const { ws, t } = await setup();
    await handle.db
      .update(memberships)
      .set({ availability: 'offline' })
      .where(
        and(
          eq(memberships.workspaceId, ws.workspaceId),
          eq(memberships.userId, ws.users.Alice!.id),
        ),
      );
    const { inbound, results } = await customerWrites(t, ws.channelId);
    const conv = await getConversation(t, inbound.conversationId);
    expect(conv.assigneeId).toBeNull();
    const steps = await handle.db
      .select()
      .from(runSteps)
      .where(eq(runSteps.runId, results[0]!.runId))
      .orderBy(runSteps.seq);
    const assign = steps.find((s) => s.stepType === 'assign')!;
    expect(assign.output).toBe('no_one_available');
    expect((assign.decision as { explanation: string }).explanation).toMatch(/offline/i);
    expect(conv.comments[0]?.body).toMatch(/No one online/);
  });

  it('starts one run per event even when the event is delivered twice', async () => {
    const { ws, t } = await setup();
    const inbound = await receiveInboundMessage(t, ws.channelId, {
      contact: { externalId: 'dup', name: 'Eve' },
      text: 'Hi',
    });
    const eventId = inbound.outboxEventIds[0]!;
    const [a, b] = await Promise.all([
      startRunsForEvent(t, eventId),
      startRunsForEvent(t, eventId),
    ]);
    expect(a.length + b.length).toBe(1);
    const conv = await getConversation(t, inbound.conversationId);
    expect(conv.events.filter((e) => e.type === 'assigned')).toHaveLength(1);
  });
});
