// SSRF through a real delivery: an outbound URL that points (directly, through an IPv4-mapped
// IPv6 literal, or through a DNS name that rebinds between check and connect) at a service
// on this machine never receives the POST when private outbound is not allowed.
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveInboundMessage, sendReply, tenant, updateChannel, type Resolver } from '@baton/db';
import { createTestWorkspace, testDatabase } from '@baton/db/testing';
import { QueueClient, RealtimePublisher, createRedis } from '@baton/queue';
import { RunsHandOff } from './after-commit';
import { createDeliveryProcessor, type DeliverySettings } from './delivery-processor';

const handle = testDatabase(4);
let server: Server;
let port = 0;
const hits: string[] = [];
const redis = createRedis(process.env.REDIS_URL!, 'ssrf-test');
const queues = new QueueClient(redis, `ssrf${process.pid}`);
const afterCommit = new RunsHandOff(queues, new RealtimePublisher(redis, `ssrf${process.pid}`));

beforeAll(async () => {
  // Stands for an internal service (Redis, an admin API, a metadata endpoint) next to the worker.
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    req.resume();
    res.writeHead(200).end('internal data');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await queues.close();
  redis.disconnect();
  await new Promise<void>((r) => server.close(() => r()));
  await handle.close();
});

const fakeJob = (data: object) => ({ data, attemptsMade: 0, opts: { attempts: 1 } }) as unknown as Job;

async function deliverTo(outboundUrl: string, settings: DeliverySettings) {
  const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Alice' }] });
  const t = tenant(handle.db, ws.workspaceId);
  await updateChannel(t, ws.channelId, { name: 'Out', outboundUrl });
  const inbound = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: randomUUID() }, text: 'hi' });
  const reply = await sendReply(t, inbound.conversationId, { userId: ws.users.Alice!.id, text: 'Hello' });
  await createDeliveryProcessor(handle.db, afterCommit, settings)(fakeJob({ workspaceId: ws.workspaceId, messageId: reply.messageId }));
  const { rows } = await handle.pool.query('select delivery_status, delivery_error from messages where id = $1', [reply.messageId]);
  return rows[0] as { delivery_status: string; delivery_error: string | null };
}

const guarded: DeliverySettings = { timeoutMs: 3000, env: {} };

describe('outbound delivery to a private address', () => {
  it('an IPv4-mapped IPv6 literal of 127.0.0.1 is refused and the local service receives nothing', async () => {
    const before = hits.length;
    const row = await deliverTo(`http://[::ffff:127.0.0.1]:${port}/mapped`, guarded);
    expect(row.delivery_status).toBe('failed');
    expect(row.delivery_error).toMatch(/^Refused: /);
    expect(hits.length).toBe(before);
  });

  it('the same URL reaches the service when BATON_ALLOW_PRIVATE_OUTBOUND=1 (so the refusal above is the guard, not the network)', async () => {
    const row = await deliverTo(`http://[::ffff:127.0.0.1]:${port}/allowed`, { timeoutMs: 3000, env: { BATON_ALLOW_PRIVATE_OUTBOUND: '1' } });
    expect(row.delivery_status).toBe('delivered');
    expect(hits).toContain('/allowed');
  });

  it('a name that resolves to a public address when checked and to 127.0.0.1 when connecting (DNS rebinding) is refused at connect', async () => {
    const answers: string[] = [];
    const rebinding: Resolver = async () => {
      const address = answers.length === 0 ? '93.184.216.34' : '127.0.0.1';
      answers.push(address);
      return [{ address, family: 4 }];
    };
    const before = hits.length;
    const row = await deliverTo(`http://rebind.baton.test:${port}/rebound`, { ...guarded, resolver: rebinding });
    // The first answer passed the early check; the second is the one the socket would have dialled.
    expect(answers).toEqual(['93.184.216.34', '127.0.0.1']);
    expect(row.delivery_status).toBe('failed');
    expect(row.delivery_error).toMatch(/^Refused: rebind\.baton\.test/);
    expect(hits.length).toBe(before);
  });

  it('a name whose every answer is loopback is refused before any connection', async () => {
    const before = hits.length;
    const loopback: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    const row = await deliverTo(`http://internal.baton.test:${port}/named`, { ...guarded, resolver: loopback });
    expect(row.delivery_error).toMatch(/^Refused: internal\.baton\.test/);
    expect(hits.length).toBe(before);
  });
});
