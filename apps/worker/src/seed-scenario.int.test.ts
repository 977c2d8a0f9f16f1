import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { getConversation, receiveInboundMessage } from '@baton/db';
import { testDatabase } from '@baton/db/testing';
import { sendReply } from '@baton/db';
import { startTestWorker, seedScenarioWorkspace, customerWrites, waitFor } from './test-harness';

const handle = testDatabase(10);
let harness: Awaited<ReturnType<typeof startTestWorker>>;
beforeAll(async () => {
  harness = await startTestWorker();
});
afterAll(async () => {
  await harness.stop();
  await handle.close();
});

describe('seed scenario through the real worker (BullMQ + Postgres)', () => {
  it('assigns Alice, waits, then reassigns to Carol with a comment mentioning her', async () => {
    const { ws, t } = await seedScenarioWorkspace(handle.db, { waitSeconds: 2 });
    const inbound = await customerWrites(t, harness.queues, ws.channelId);
    const assigned = await waitFor(async () => {
      const c = await getConversation(t, inbound.conversationId);
      return c.assigneeId ? c : null;
    });
    expect(assigned.assigneeId).toBe(ws.users.Alice!.id);
    const reassigned = await waitFor(async () => {
      const c = await getConversation(t, inbound.conversationId);
      return c.assigneeId === ws.users.Carol!.id && c.comments.length > 0 ? c : null;
    });
    expect(reassigned.events.map((e) => e.type)).toEqual(['opened', 'assigned', 'reassigned']);
    expect(reassigned.comments[0]!.mentionUserIds).toEqual([ws.users.Carol!.id]);
    // Never early: the reassignment happened at least the wait after the assignment.
    const [assignEvt, reassignEvt] = reassigned.events.slice(1);
    expect(reassignEvt!.createdAt.getTime() - assignEvt!.createdAt.getTime()).toBeGreaterThanOrEqual(2000);
  });

  it('keeps Alice when she replies before the wait ends', async () => {
    const { ws, t } = await seedScenarioWorkspace(handle.db, { waitSeconds: 1 });
    const inbound = await customerWrites(t, harness.queues, ws.channelId);
    await waitFor(async () => (await getConversation(t, inbound.conversationId)).assigneeId);
    await sendReply(t, inbound.conversationId, { userId: ws.users.Alice!.id, text: 'On it!' });
    await new Promise((r) => setTimeout(r, 1800));
    const c = await getConversation(t, inbound.conversationId);
    expect(c.assigneeId).toBe(ws.users.Alice!.id);
    expect(c.events.map((e) => e.type)).toEqual(['opened', 'assigned']);
  });

  it('a duplicate delivery of the trigger job produces one assignment', async () => {
    const { ws, t } = await seedScenarioWorkspace(handle.db, { waitSeconds: 30 });
    const inbound = await customerWrites(t, harness.queues, ws.channelId);
    await harness.queues.enqueueEvents(ws.workspaceId, inbound.outboxEventIds);
    await harness.queues.enqueueEvents(ws.workspaceId, inbound.outboxEventIds);
    await waitFor(async () => (await getConversation(t, inbound.conversationId)).assigneeId);
    await new Promise((r) => setTimeout(r, 500));
    const c = await getConversation(t, inbound.conversationId);
    expect(c.events.filter((e) => e.type === 'assigned')).toHaveLength(1);
  });

  it('the events one API batch committed (several workspaces, jobs of several events) route each, and once even if sent twice', async () => {
    const a = await seedScenarioWorkspace(handle.db, { waitSeconds: 30 });
    const b = await seedScenarioWorkspace(handle.db, { waitSeconds: 30 });
    const inbound = [];
    for (const w of [a, a, b]) {
      const m = await receiveInboundMessage(w.t, w.ws.channelId, { contact: { externalId: randomUUID() }, text: 'hi' });
      inbound.push({ w, m });
    }
    const events = inbound.map(({ w, m }) => ({ workspaceId: w.ws.workspaceId, eventIds: m.outboxEventIds }));
    await harness.queues.enqueueEventsOf(events);
    await harness.queues.enqueueEventsOf(events);
    for (const { w, m } of inbound) await waitFor(async () => (await getConversation(w.t, m.conversationId)).assigneeId);
    await new Promise((r) => setTimeout(r, 500));
    for (const { w, m } of inbound) {
      const c = await getConversation(w.t, m.conversationId);
      expect(c.events.filter((e) => e.type === 'assigned')).toHaveLength(1);
    }
    // Bob is offline: every Sales conversation goes to Alice, in both workspaces.
    for (const { w, m } of inbound) expect((await getConversation(w.t, m.conversationId)).assigneeId).toBe(w.ws.users.Alice!.id);
  });
});
