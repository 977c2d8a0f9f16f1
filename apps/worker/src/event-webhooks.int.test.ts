import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeConversation,
  createWebhookSubscription,
  DomainError,
  listWebhookDeliveries,
  resendWebhookDelivery,
  sendReply,
  verifySignature,
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
} from '@baton/db';
import { testDatabase } from '@baton/db/testing';
import { customerWrites, seedScenarioWorkspace, startTestWorker, waitFor } from './test-harness';

type Received = { body: string; timestamp: string; signature: string; deliveryId: string; event: string; eventId: string };

/** A subscriber's endpoint on 127.0.0.1, answering the given statuses in turn (then the last one). */
async function receiver(statuses: number[] = [200]) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({
        body,
        timestamp: String(req.headers['x-baton-timestamp']),
        signature: String(req.headers['x-baton-signature']),
        deliveryId: String(req.headers['x-baton-delivery']),
        event: String(req.headers['x-baton-event']),
        eventId: String(req.headers['x-baton-event-id']),
      });
      const status = statuses[Math.min(received.length - 1, statuses.length - 1)]!;
      res.writeHead(status).end(status < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
  return { url, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const handle = testDatabase(10);
let harness: Awaited<ReturnType<typeof startTestWorker>>;
beforeAll(async () => {
  harness = await startTestWorker();
});
afterAll(async () => {
  await harness.stop();
  await handle.close();
});

const types = (rx: { received: Received[] }) => rx.received.map((r) => r.event).sort();

describe('event webhooks through the real worker', () => {
  it('a subscription receives every subscribed event exactly once, signed with its own secret', async () => {
    const all = await receiver();
    const closedOnly = await receiver();
    try {
      const { ws, t } = await seedScenarioWorkspace(handle.db, { waitSeconds: 1 });
      const sub = await createWebhookSubscription(t, { name: 'Everything', url: all.url, events: [...WEBHOOK_EVENT_TYPES] }, ws.users.Admin!.id);
      const closedSub = await createWebhookSubscription(t, { name: 'Closings', url: closedOnly.url, events: ['conversation.closed'] }, null);

      const inbound = await customerWrites(t, harness.queues, ws.channelId);
      // The seed: assigned to Alice, no reply within the wait, reassigned to Carol, run completed.
      await waitFor(async () => (all.received.some((r) => r.event === 'run.completed') ? true : null), 20_000);
      await sendReply(t, inbound.conversationId, { userId: ws.users.Carol!.id, text: 'Hi, Carol here' });
      await closeConversation(t, inbound.conversationId, { type: 'user', userId: ws.users.Carol!.id });

      const expected: WebhookEventType[] = [
        'conversation.assigned',
        'conversation.closed',
        'conversation.opened',
        'conversation.reassigned',
        'message.created',
        'message.created',
        'run.completed',
      ];
      await waitFor(async () => (all.received.length >= expected.length && closedOnly.received.length >= 1 ? true : null), 20_000);
      // Nothing more arrives later (no duplicate from a second worker pass or a retry).
      await new Promise((r) => setTimeout(r, 2500));
      expect(types(all)).toEqual(expected);
      expect(types(closedOnly)).toEqual(['conversation.closed']);
      expect(new Set(all.received.map((r) => r.eventId)).size).toBe(expected.length);

      for (const r of all.received) {
        expect(verifySignature({ secret: sub.secret, rawBody: r.body, timestamp: r.timestamp, signature: r.signature })).toEqual({ ok: true });
        // Each subscription signs with its own secret, never the channel's.
        expect(verifySignature({ secret: closedSub.secret, rawBody: r.body, timestamp: r.timestamp, signature: r.signature })).toMatchObject({ ok: false });
        expect(verifySignature({ secret: ws.channelOutboundSecret, rawBody: r.body, timestamp: r.timestamp, signature: r.signature })).toMatchObject({ ok: false });
        const payload = JSON.parse(r.body) as { id: string; type: string; workspaceId: string; data: Record<string, unknown> };
        expect(payload).toMatchObject({ id: r.eventId, type: r.event, workspaceId: ws.workspaceId });
        expect(payload.data.conversationId).toBe(inbound.conversationId);
      }
      const reassigned = JSON.parse(all.received.find((r) => r.event === 'conversation.reassigned')!.body) as { data: Record<string, unknown> };
      expect(reassigned.data).toMatchObject({ fromUserId: ws.users.Alice!.id, toUserId: ws.users.Carol!.id, actorType: 'workflow' });
      const log = await listWebhookDeliveries(t, sub.id);
      expect(log.every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
    } finally {
      await all.close();
      await closedOnly.close();
    }
  });

  it('a receiver failing twice then succeeding gets the event on the third try; resend sends it again', async () => {
    const rx = await receiver([500, 503, 200]);
    try {
      const { ws, t } = await seedScenarioWorkspace(handle.db, { waitSeconds: 30 });
      const sub = await createWebhookSubscription(t, { name: 'Flaky', url: rx.url, events: ['conversation.opened'] }, null);
      await customerWrites(t, harness.queues, ws.channelId);
      const [delivered] = await waitFor(async () => {
        const log = await listWebhookDeliveries(t, sub.id);
        return log[0]?.status === 'delivered' ? log : null;
      }, 20_000);
      expect(delivered).toMatchObject({ eventType: 'conversation.opened', attempts: 3, lastStatusCode: 200, lastError: null });
      expect(rx.received.map((r) => r.event)).toEqual(['conversation.opened', 'conversation.opened', 'conversation.opened']);
      // One event, one delivery id, every try.
      expect(new Set(rx.received.map((r) => `${r.eventId}/${r.deliveryId}`)).size).toBe(1);

      await resendWebhookDelivery(t, delivered!.id);
      await waitFor(async () => (rx.received.length === 4 ? true : null), 10_000);
      expect(rx.received[3]!.deliveryId).toBe(delivered!.id);
      // The receiver has answered; the worker records the result just after (poll, don't race it).
      const [after] = await waitFor(async () => {
        const log = await listWebhookDeliveries(t, sub.id);
        return log[0]?.status === 'delivered' ? log : null;
      }, 10_000);
      expect(after).toMatchObject({ status: 'delivered', attempts: 1 });
    } finally {
      await rx.close();
    }
  });

  it('refuses a private or loopback destination when private outbound is not allowed (production), naming the field', async () => {
    const { ws, t } = await seedScenarioWorkspace(handle.db, { waitSeconds: 30 });
    const attempt = createWebhookSubscription(t, { name: 'Internal', url: 'http://127.0.0.1:9/hook', events: ['conversation.opened'] }, ws.users.Admin!.id, { env: {} });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ code: 'invalid', details: { field: 'url' } });
    await expect(
      createWebhookSubscription(t, { name: 'Meta', url: 'http://169.254.169.254/latest', events: ['run.failed'] }, null, { env: {} }),
    ).rejects.toThrow(/private, loopback or reserved/);
  });
});
