import { afterAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { reassignIfNoReply, roundRobinOnlineOnly, type WorkflowDefinition } from '@baton/engine';
import { testDatabase, createTestWorkspace, type TestWorkspace } from '../testing';
import { tenant } from '../tenancy/tenant';
import { createWorkflow } from '../workflows/create-workflow';
import { publishWorkflow } from '../workflows/publish-workflow';
import { receiveInboundMessage } from '../conversations/inbound/receive-inbound-message';
import { comments, conversationEvents, conversations, outboxEvents, runSteps, workflowRuns } from '../schema';
import { startRunsForEvents, type EventRef } from './start-runs-for-events';
import { startRunsForEvent } from './start-runs-for-event';

const handle = testDatabase(10);
afterAll(() => handle.close());

async function workspaceWith(definition: (ws: TestWorkspace) => WorkflowDefinition) {
  const ws = await createTestWorkspace(handle.db, {
    members: [{ name: 'Admin', role: 'admin' }, { name: 'A1' }, { name: 'A2' }, { name: 'A3' }, { name: 'Off', availability: 'offline' }],
    teams: { Sales: ['A1', 'A2', 'A3', 'Off'], Support: ['A3'] },
  });
  const t = tenant(handle.db, ws.workspaceId);
  const { id } = await createWorkflow(t, { name: 'Routing', definition: definition(ws) as never }, null);
  await publishWorkflow(t, id, null);
  return ws;
}

async function openConversations(ws: TestWorkspace, n: number, prefix: string): Promise<EventRef[]> {
  const t = tenant(handle.db, ws.workspaceId);
  const refs: EventRef[] = [];
  for (let i = 0; i < n; i++) {
    const m = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: `${prefix}-${i}` }, text: 'hi' });
    refs.push(...m.outboxEventIds.map((eventId) => ({ workspaceId: ws.workspaceId, eventId })));
  }
  return refs;
}

async function assignmentsInOrder(workspaceId: string) {
  return handle.db
    .select({ to: conversationEvents.toUserId, type: conversationEvents.type, key: conversationEvents.effectKey })
    .from(conversationEvents)
    .where(and(eq(conversationEvents.workspaceId, workspaceId), inArray(conversationEvents.type, ['assigned', 'reassigned'])));
}

describe('startRunsForEvents: many events of several workspaces in one transaction', () => {
  it('decides like one-by-one handling: rotation continues across the batch, per workspace', async () => {
    const a = await workspaceWith((ws) => reassignIfNoReply({ firstTeamId: ws.teams.Sales!, waitMinutes: 15, secondTeamId: ws.teams.Support! }));
    const b = await workspaceWith((ws) => roundRobinOnlineOnly({ teamId: ws.teams.Sales! }));
    const refsA = await openConversations(a, 9, 'a');
    const refsB = await openConversations(b, 6, 'b');
    // Interleaved, as events of several workspaces arrive at a worker.
    const refs = refsA.flatMap((r, i) => (refsB[i] ? [r, refsB[i]!] : [r]));

    const results = await startRunsForEvents(handle.db, refs);
    expect(results.map((r) => r.eventId)).toEqual(refs.map((r) => r.eventId));

    for (const [ws, n, waits] of [[a, 9, true], [b, 6, false]] as const) {
      const mine = results.filter((r) => r.workspaceId === ws.workspaceId);
      expect(mine.flatMap((r) => r.results)).toHaveLength(n);
      // Every online Sales member gets exactly n/3; the offline one none.
      const counts = new Map<string, number>();
      for (const row of await assignmentsInOrder(ws.workspaceId)) counts.set(row.to!, (counts.get(row.to!) ?? 0) + 1);
      for (const name of ['A1', 'A2', 'A3']) expect(counts.get(ws.users[name]!.id)).toBe(n / 3);
      expect(counts.get(ws.users.Off!.id)).toBeUndefined();
      // Each conversation's row agrees with its event log.
      const convs = await handle.db.select().from(conversations).where(eq(conversations.workspaceId, ws.workspaceId));
      expect(convs.every((c) => c.assigneeId && c.teamId === ws.teams.Sales)).toBe(true);
      const runs = await handle.db.select().from(workflowRuns).where(eq(workflowRuns.workspaceId, ws.workspaceId));
      expect(runs).toHaveLength(n);
      if (waits) {
        expect(runs.every((r) => r.status === 'waiting' && r.waitSeq === 1 && r.resumeStepId && r.wakeAt)).toBe(true);
        const due = mine.flatMap((r) => r.results.map((x) => x.wait!.wakeAt.getTime() - Date.now()));
        expect(Math.min(...due)).toBeGreaterThan(14 * 60_000);
      } else {
        expect(runs.every((r) => r.status === 'completed' && r.finishedAt)).toBe(true);
      }
      // Trigger + assign (+ wait) step rows, numbered from 0.
      const steps = await handle.db
        .select({ runId: runSteps.runId, seq: runSteps.seq, type: runSteps.stepType })
        .from(runSteps)
        .where(eq(runSteps.workspaceId, ws.workspaceId))
        .orderBy(asc(runSteps.seq));
      expect(steps.filter((s) => s.seq === 0 && s.type === 'trigger')).toHaveLength(n);
      expect(steps.filter((s) => s.type === 'assign')).toHaveLength(n);
    }
    // Committed together, the assignments still sort in decision order: whole rotations.
    const ordered = await handle.db
      .select({ to: conversationEvents.toUserId })
      .from(conversationEvents)
      .where(and(eq(conversationEvents.workspaceId, b.workspaceId), eq(conversationEvents.type, 'assigned')))
      .orderBy(asc(conversationEvents.createdAt));
    for (let i = 0; i < ordered.length; i += 3) expect(new Set(ordered.slice(i, i + 3).map((o) => o.to)).size).toBe(3);

    const unprocessed = await handle.db
      .select({ id: outboxEvents.id, processedAt: outboxEvents.processedAt })
      .from(outboxEvents)
      .where(inArray(outboxEvents.id, refs.map((r) => r.eventId)));
    expect(unprocessed.every((e) => e.processedAt)).toBe(true);

    // Delivered again (a retried job, a second worker): nothing new.
    const again = await startRunsForEvents(handle.db, refs);
    expect(again.flatMap((r) => r.results)).toEqual([]);
    expect(await assignmentsInOrder(a.workspaceId)).toHaveLength(9);
  });

  it('two batches racing over one pool still rotate evenly', async () => {
    const ws = await workspaceWith((w) => roundRobinOnlineOnly({ teamId: w.teams.Sales! }));
    const refs = await openConversations(ws, 24, 'race');
    await Promise.all([0, 1, 2, 3].map((k) => startRunsForEvents(handle.db, refs.filter((_, i) => i % 4 === k))));
    const counts = new Map<string, number>();
    for (const row of await assignmentsInOrder(ws.workspaceId)) counts.set(row.to!, (counts.get(row.to!) ?? 0) + 1);
    expect([...counts.values()].sort()).toEqual([8, 8, 8]);
  });

  it('a run that closes the conversation is written by the batch statement, and the rest of the batch is unaffected', async () => {
    const closing = (ws: TestWorkspace): WorkflowDefinition => {
      const base = roundRobinOnlineOnly({ teamId: ws.teams.Sales! });
      return {
        ...base,
        steps: [
          ...base.steps,
          { id: 'note', type: 'comment', position: { x: 0, y: 300 }, config: { text: 'Closing for {{assignee.name}}', mentions: [] } },
          { id: 'close', type: 'close', position: { x: 0, y: 400 }, config: { reason: 'test' } },
        ],
        edges: [...base.edges, { id: 'e-a-n', source: 'assign', sourceHandle: 'next', target: 'note' }, { id: 'e-n-c', source: 'note', sourceHandle: 'next', target: 'close' }],
      } as WorkflowDefinition;
    };
    const closer = await workspaceWith(closing);
    const plain = await workspaceWith((w) => roundRobinOnlineOnly({ teamId: w.teams.Sales! }));
    const refs = [...(await openConversations(closer, 2, 'c')), ...(await openConversations(plain, 3, 'p'))];
    const results = await startRunsForEvents(handle.db, refs);
    expect(results.flatMap((r) => r.results).map((r) => r.status)).toEqual(['completed', 'completed', 'completed', 'completed', 'completed']);

    const closed = await handle.db.select().from(conversations).where(eq(conversations.workspaceId, closer.workspaceId));
    expect(closed.every((c) => c.status === 'closed' && c.assigneeId)).toBe(true);
    const notes = await handle.db.select().from(comments).where(eq(comments.workspaceId, closer.workspaceId));
    expect(notes).toHaveLength(2);
    const closedEvents = await handle.db
      .select()
      .from(conversationEvents)
      .where(and(eq(conversationEvents.workspaceId, closer.workspaceId), eq(conversationEvents.type, 'closed')));
    expect(closedEvents).toHaveLength(2);
    const open = await handle.db.select().from(conversations).where(eq(conversations.workspaceId, plain.workspaceId));
    expect(open.every((c) => c.status === 'open' && c.assigneeId)).toBe(true);
  });

  it('a batch of one is what startRunsForEvent does', async () => {
    const ws = await workspaceWith((w) => roundRobinOnlineOnly({ teamId: w.teams.Sales! }));
    const [ref] = await openConversations(ws, 1, 'one');
    const results = await startRunsForEvent(tenant(handle.db, ws.workspaceId), ref!.eventId);
    expect(results).toHaveLength(1);
    expect(results[0]!.status).toBe('completed');
    expect(await startRunsForEvent(tenant(handle.db, ws.workspaceId), ref!.eventId)).toEqual([]);
  });

  it('refuses a batch naming an invalid workspace before touching the database', async () => {
    expect(() => startRunsForEvents(handle.db, [{ workspaceId: 'not-a-uuid', eventId: 'x' }])).toThrow();
  });
});
