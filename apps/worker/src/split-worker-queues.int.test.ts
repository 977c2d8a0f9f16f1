// Worker processes split by queue (WORKER_QUEUES, README "Running at scale"): one process routes
// new conversations (events, deliveries), another fires timers (waits, SLA). With only the
// routing process up, conversations are assigned but no wait fires, however overdue; once the
// timer process starts, every wait fires exactly once and the seed scenario settles clean.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabase } from '@baton/db/testing';
import { QueueClient, createRedis } from '@baton/queue';
import { createChaosWorkspace } from '../../../chaos/chaos-workspace';
import { cleanVerdict, settleAndCheck } from '../../../chaos/settle-and-check';
import { waitFor } from './test-harness';
import { customerWritesIn, workerProcess } from './worker-process';

const handle = testDatabase(4);
const redis = createRedis(process.env.REDIS_URL!, 'split-queues-int');
const prefix = `s${randomUUID().slice(0, 8)}`;
const queues = new QueueClient(redis, prefix);
const WAIT_SECONDS = 1;
const CONVERSATIONS = 12;
const worker = (name: string, roles: string) =>
  workerProcess(name, prefix, { WORKER_QUEUES: roles, RECONCILE_GRACE_MS: '500' });
const routing = worker('routing', 'events,deliveries');
const timers = worker('timers', 'waits,sla');

afterAll(async () => {
  routing.kill('SIGTERM');
  timers.kill('SIGTERM');
  await queues.close();
  redis.disconnect();
  await handle.close();
});

const count = async (workspaceId: string, type: string) =>
  (
    await handle.pool.query<{ n: number }>(
      'select count(*)::int as n from conversation_events where workspace_id = $1 and type = $2',
      [workspaceId, type],
    )
  ).rows[0]!.n;

describe('worker processes split by queue', () => {
  it(
    'a routing-only process assigns but fires no wait; a timer-only process then fires each once',
    { timeout: 90_000 },
    async () => {
      const ws = await createChaosWorkspace(handle.db, WAIT_SECONDS);
      routing.start();
      await waitFor(
        async () => (await queues.eventShards[0]!.getWorkers()).length === 1,
        30_000,
        100,
      );
      expect(await queues.waits.getWorkers()).toHaveLength(0);

      for (let i = 0; i < CONVERSATIONS; i++) {
        await customerWritesIn(ws, queues, i);
      }
      await waitFor(
        async () => (await count(ws.workspaceId, 'assigned')) === CONVERSATIONS,
        30_000,
        100,
      );
      // Every wait is due now, and the reconciler (this process leads the sweeps) re-creates any
      // it thinks lost: still nothing fires without a process consuming the waits queue.
      await new Promise((r) => setTimeout(r, WAIT_SECONDS * 1000 + 2500));
      expect(await count(ws.workspaceId, 'reassigned')).toBe(0);

      timers.start();
      const { verdict } = await settleAndCheck(handle.pool, ws.workspaceId, {
        conversations: CONVERSATIONS,
        waitMs: WAIT_SECONDS * 1000,
        graceMs: 60_000,
      });
      expect(verdict).toEqual(cleanVerdict(CONVERSATIONS));
      expect(await count(ws.workspaceId, 'reassigned')).toBe(CONVERSATIONS);
      // The timer process consumes no event shard.
      expect(await queues.eventShards[0]!.getWorkers()).toHaveLength(1);
    },
  );
});
