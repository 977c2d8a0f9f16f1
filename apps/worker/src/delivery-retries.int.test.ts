import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { receiveInboundMessage, sendReply, tenant, updateChannel, verifySignature } from '@baton/db';
import { createTestWorkspace, testDatabase } from '@baton/db/testing';
import { startTestWorker, waitFor } from './test-harness';

type Received = { body: string; timestamp: string | null; signature: string | null; deliveryId: string | null };

/** A customer's webhook receiver on 127.0.0.1 that answers with the given statuses in turn. */
async function receiver(statuses: number[]) {
  const received: Received[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({
        body,
        timestamp: req.headers['x-baton-timestamp'] as string,
        signature: req.headers['x-baton-signature'] as string,
        deliveryId: req.headers['x-baton-delivery'] as string,
      });
      const status = statuses[Math.min(received.length - 1, statuses.length - 1)]!;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 300 ? 'receiver says no' : 'ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/baton`;
  return { url, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const handle = testDatabase(10);
let worker: Awaited<ReturnType<typeof startTestWorker>>;
beforeAll(async () => {
  worker = await startTestWorker();
});
afterAll(async () => {
  await worker.stop();
  await handle.close();
});

async function replyOnChannel(outboundUrl: string) {
  const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Alice' }] });
  const t = tenant(handle.db, ws.workspaceId);
  await updateChannel(t, ws.channelId, { name: 'Test channel', outboundUrl });
  const inbound = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'c-1', name: 'Dana' }, text: 'Hello?' });
  const reply = await sendReply(t, inbound.conversationId, { userId: ws.users.Alice!.id, text: 'Hi Dana, on it' });
  expect(reply.needsDelivery).toBe(true);
  const load = async () => {
    const { rows } = await handle.db.execute<{ deliveryStatus: string; deliveryAttempts: number; deliveryError: string | null; deliveredAt: Date | null }>(
      sql`select delivery_status as "deliveryStatus", delivery_attempts as "deliveryAttempts", delivery_error as "deliveryError", delivered_at as "deliveredAt"
          from messages where workspace_id = ${ws.workspaceId} and id = ${reply.messageId}`,
    );
    return rows[0]!;
  };
  return { ws, t, reply, load, conversationId: inbound.conversationId };
}

describe('outbound delivery to the channel receiver', () => {
  it('retries a receiver that fails twice, then records delivered after 3 attempts with a valid signature', async () => {
    const rx = await receiver([500, 502, 200]);
    try {
      const { ws, reply, load, conversationId } = await replyOnChannel(rx.url);
      expect((await load()).deliveryStatus).toBe('pending');
      await worker.queues.enqueueDelivery(ws.workspaceId, reply.messageId);
      const done = await waitFor(async () => {
        const row = await load();
        return row.deliveryStatus === 'delivered' ? row : null;
      }, 20_000);
      expect(done.deliveryAttempts).toBe(3);
      expect(done.deliveredAt).not.toBeNull();
      expect(done.deliveryError).toBeNull();
      expect(rx.received).toHaveLength(3);
      for (const r of rx.received) {
        // The receiver verifies it with the channel's outbound secret, the same way Baton verifies
        // inbound; the inbound secret does not verify it, so a receiver cannot forge inbound messages.
        expect(verifySignature({ secret: ws.channelOutboundSecret, rawBody: r.body, timestamp: r.timestamp, signature: r.signature })).toEqual({ ok: true });
        expect(verifySignature({ secret: ws.channelSecret, rawBody: r.body, timestamp: r.timestamp, signature: r.signature })).toMatchObject({ ok: false });
        expect(r.deliveryId).toBe(reply.messageId);
      }
      const payload = JSON.parse(rx.received[2]!.body);
      expect(payload).toMatchObject({
        type: 'message.outgoing',
        id: reply.messageId,
        conversationId,
        text: 'Hi Dana, on it',
        contact: { externalId: 'c-1', name: 'Dana' },
        author: { name: 'Alice' },
      });
    } finally {
      await rx.close();
    }
  });

  it('marks a message failed with the last error once the attempts run out', async () => {
    const rx = await receiver([503]);
    try {
      const { ws, reply, load } = await replyOnChannel(rx.url);
      // Same queue and processor, a shorter schedule than production's 6 attempts.
      const job = await worker.queues.deliveries.add(
        'delivery',
        { workspaceId: ws.workspaceId, messageId: reply.messageId },
        { jobId: `delivery-${reply.messageId}`, attempts: 3, backoff: { type: 'fixed', delay: 100 } },
      );
      const failed = await waitFor(async () => {
        const row = await load();
        return row.deliveryStatus === 'failed' ? row : null;
      }, 20_000);
      expect(failed.deliveryAttempts).toBe(3);
      // Only the status: the receiver's body (which an SSRF would aim at an internal service)
      // reaches neither Postgres nor BullMQ's failedReason in Redis.
      expect(failed.deliveryError).toBe('HTTP 503');
      const failedReasons = [(await worker.queues.deliveries.getJob(job.id!))?.failedReason ?? '', JSON.stringify(await worker.queues.deliveries.getJobLogs(job.id!))];
      expect(failedReasons.join(' ')).not.toContain('receiver says no');
      expect(failed.deliveredAt).toBeNull();
      expect(rx.received).toHaveLength(3);
    } finally {
      await rx.close();
    }
  });

  it('a duplicate job for a delivered message sends nothing and counts no attempt', async () => {
    const rx = await receiver([200]);
    try {
      const { ws, reply, load } = await replyOnChannel(rx.url);
      await worker.queues.enqueueDelivery(ws.workspaceId, reply.messageId);
      await waitFor(async () => (await load()).deliveryStatus === 'delivered');
      await worker.queues.deliveries.add('delivery', { workspaceId: ws.workspaceId, messageId: reply.messageId }, { jobId: `dup-${reply.messageId}` });
      await new Promise((r) => setTimeout(r, 500));
      expect(rx.received).toHaveLength(1);
      expect((await load()).deliveryAttempts).toBe(1);
    } finally {
      await rx.close();
    }
  });
});
