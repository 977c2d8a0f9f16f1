// Every job type and every inbound message id, delivered more than once and concurrently
// (a stalled job re-run, a retry after a lost ack, a sender retrying): one effect each.
// Wait timers delivered three times are in duplicate-wait-delivery.int.test.ts.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveInboundMessage, sendReply, updateChannel, getConversation } from '@baton/db';
import { testDatabase } from '@baton/db/testing';
import { RealtimePublisher, createRedis } from '@baton/queue';
import { startTestWorker, seedScenarioWorkspace, waitFor } from './test-harness';
import { RunsHandOff } from './after-commit';
import { createEventProcessor } from './event-processor';
import { createWaitProcessor } from './wait-processor';
import { createDeliveryProcessor } from './delivery-processor';

const handle = testDatabase(20);
let harness: Awaited<ReturnType<typeof startTestWorker>>;
beforeAll(async () => {
  harness = await startTestWorker();
  await harness.stopWorkerOnly(); // processors are driven by hand here
});
afterAll(async () => {
  await harness.stop();
  await handle.close();
});

const fakeJob = (data: object, attemptsMade = 0) => ({ data, attemptsMade, opts: { attempts: 6 }, moveToDelayed: async () => {} }) as unknown as Job;

async function count(table: string, where: string, params: unknown[]) {
  const r = await handle.pool.query(`select count(*)::int as n from ${table} where ${where}`, params);
  return r.rows[0].n as number;
}

describe('duplicate deliveries → one effect', () => {
  it('one inbound message id sent 10 times at once: one message, one conversation, one opened event, one run', async () => {
    const { ws, t } = await seedScenarioWorkspace(handle.db, { waitSeconds: 60 });
    const externalId = `m-${randomUUID()}`;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'c-1', name: 'Dana' }, text: 'hello', externalId })),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.conversationId)).size).toBe(1);
    expect(await count('messages', 'workspace_id = $1', [ws.workspaceId])).toBe(1);
    expect(await count('conversations', 'workspace_id = $1', [ws.workspaceId])).toBe(1);
    const eventIds = results.flatMap((r) => r.outboxEventIds);
    expect(new Set(eventIds).size).toBe(1);

    // The event job delivered 3 times concurrently, then once more late.
    const events = createEventProcessor(handle.db, new RunsHandOff(harness.queues));
    const data = { events: [{ workspaceId: ws.workspaceId, eventId: eventIds[0]! }] };
    await Promise.all([events(fakeJob(data)), events(fakeJob(data)), events(fakeJob(data))]);
    await events(fakeJob(data));
    expect(await count('workflow_runs', 'workspace_id = $1', [ws.workspaceId])).toBe(1);
    const conv = await getConversation(t, results[0]!.conversationId);
    expect(conv.events.filter((e) => e.type === 'assigned')).toHaveLength(1);
  });

  it('a wait job delivered 4 times at once after it is due: one reassignment, one comment', async () => {
    const { ws, t } = await seedScenarioWorkspace(handle.db, { waitSeconds: 1 });
    const inbound = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: randomUUID() }, text: 'hi' });
    const events = createEventProcessor(handle.db, new RunsHandOff(harness.queues));
    const [started] = (await events(fakeJob({ events: [{ workspaceId: ws.workspaceId, eventId: inbound.outboxEventIds[0]! }] }))).runs;
    const run = (await handle.pool.query('select id, wait_seq from workflow_runs where id = $1', [started!.runId])).rows[0];
    await new Promise((r) => setTimeout(r, 1100));
    const waits = createWaitProcessor(handle.db, new RunsHandOff(harness.queues));
    const outcomes = await Promise.all(Array.from({ length: 4 }, () => waits(fakeJob({ workspaceId: ws.workspaceId, runId: run.id, waitSeq: run.wait_seq }))));
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['resumed', 'stale', 'stale', 'stale']);
    const conv = await getConversation(t, inbound.conversationId);
    expect(conv.events.filter((e) => e.type === 'reassigned')).toHaveLength(1);
    expect(conv.comments).toHaveLength(1);
  });

  it('a delivery job run twice at once and once more later: delivered once, every POST carries the same delivery id', async () => {
    const received: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      received.push(req.headers);
      req.resume();
      req.on('end', () => setTimeout(() => res.writeHead(200).end('ok'), 50));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { ws, t } = await seedScenarioWorkspace(handle.db, { waitSeconds: 60 });
      await updateChannel(t, ws.channelId, { name: 'Out', outboundUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` } as never);
      const inbound = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: randomUUID() }, text: 'hi' });
      const reply = await sendReply(t, inbound.conversationId, { userId: ws.users.Alice!.id, text: 'Hello from Alice' });
      expect(reply.needsDelivery).toBe(true);
      const redis = createRedis(process.env.REDIS_URL!, 'dup-test');
      const deliver = createDeliveryProcessor(handle.db, new RunsHandOff(harness.queues, new RealtimePublisher(redis, harness.prefix)), { timeoutMs: 5000 });
      const data = { workspaceId: ws.workspaceId, messageId: reply.messageId };
      const outcomes = await Promise.all([deliver(fakeJob(data)), deliver(fakeJob(data))]);
      const late = await deliver(fakeJob(data));
      redis.disconnect();
      expect(late.outcome).toBe('skipped');
      const row = (await handle.pool.query('select * from messages where id = $1', [reply.messageId])).rows[0];
      expect(row.delivery_status ?? row.status ?? 'delivered').toBe('delivered');
      // At-least-once to the outside world: a concurrent duplicate may POST twice, but the
      // receiver can drop it by the delivery id, which is the same on every attempt.
      expect(received.length).toBeGreaterThanOrEqual(1);
      expect(received.length).toBeLessThanOrEqual(outcomes.length);
      const ids = new Set(received.map((h) => JSON.stringify(Object.entries(h).filter(([k]) => /delivery|idempot/i.test(k)))));
      expect(ids.size).toBe(1);
    } finally {
      server.close();
    }
  });
});

describe('clock skew: a wait never fires early', () => {
  it('timers delivered up to 1 s before the due time (a worker clock behind or ahead) fire at or after wake_at by the DB clock', async () => {
    const { ws, t } = await seedScenarioWorkspace(handle.db, { waitSeconds: 2 });
    const inbound = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: randomUUID() }, text: 'hi' });
    const events = createEventProcessor(handle.db, new RunsHandOff(harness.queues));
    const [started] = (await events(fakeJob({ events: [{ workspaceId: ws.workspaceId, eventId: inbound.outboxEventIds[0]! }] }))).runs;
    const run = (await handle.pool.query('select id, wait_seq, wake_at from workflow_runs where id = $1', [started!.runId])).rows[0];
    // Deliver the timer early, repeatedly, as a worker whose clock runs 1 s ahead would
    // schedule it (and as one 1 s behind would believe it due), with the local clock faked.
    const realNow = Date.now;
    const waits = createWaitProcessor(handle.db, new RunsHandOff(harness.queues));
    const early: string[] = [];
    try {
      for (const skewMs of [1000, -1000, 1000]) {
        Date.now = () => realNow() + skewMs;
        const delayedTo: number[] = [];
        const job = { ...fakeJob({ workspaceId: ws.workspaceId, runId: run.id, waitSeq: run.wait_seq }), moveToDelayed: async (ts: number) => void delayedTo.push(ts) } as unknown as Job;
        const outcome = await waits(job).catch((e: Error) => ({ outcome: e.name }));
        early.push(outcome.outcome);
      }
    } finally {
      Date.now = realNow;
    }
    // Each early delivery was re-delayed (DelayedError), none resumed the run.
    expect(early.every((o) => o === 'DelayedError')).toBe(true);
    expect((await getConversation(t, inbound.conversationId)).events.filter((e) => e.type === 'reassigned')).toHaveLength(0);
    // Now let the real worker run it; the reassignment's DB time is never before wake_at.
    await harness.restart();
    await harness.queues.scheduleWaits([{ workspaceId: ws.workspaceId, runId: run.id, waitSeq: run.wait_seq, wakeAt: new Date(run.wake_at.getTime() - 1000) }]);
    await waitFor(async () => (await getConversation(t, inbound.conversationId)).events.find((e) => e.type === 'reassigned'), 10_000);
    const fired = (await handle.pool.query(`select created_at from conversation_events where conversation_id = $1 and type = 'reassigned'`, [inbound.conversationId])).rows[0];
    expect(fired.created_at.getTime()).toBeGreaterThanOrEqual(run.wake_at.getTime());
    await harness.stopWorkerOnly();
  });
});
