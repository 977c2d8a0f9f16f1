// Redis Cluster (issue #20 item 4): a local 3-master cluster (scripts/services/redis-cluster.mjs,
// started once for this file) under the worker, the web's rate limits, replay keys and realtime.
// The seed scenario end to end, then a chaos-lite: the master holding the wait timers is
// SIGKILLed mid-run and restarted empty, and Postgres plus the relay and reconciler rebuild
// what it lost. A database of its own, so no other test file's worker (on the single Redis)
// relays or fires this file's events: whatever routes them went through the cluster.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import {
  createDatabase,
  getConversation,
  migrateDatabase,
  receiveInboundMessage,
  type DatabaseHandle,
} from '@baton/db';
import { testDatabase } from '@baton/db/testing';
import {
  QUEUE_NAMES,
  QueueClient,
  RealtimePublisher,
  createRedis,
  eventQueueName,
  isCluster,
  type RealtimeEvent,
} from '@baton/queue';
// @ts-expect-error plain ESM helpers shared with the dev script
import { startRedisCluster } from '../../../scripts/services/redis-cluster.mjs';
import { createChaosWorkspace } from '../../../chaos/chaos-workspace';
import { cleanVerdict, settleAndCheck } from '../../../chaos/settle-and-check';
import { takeToken } from '../../web/src/server/rate-limit/token-bucket';
import { claimSignature } from '../../web/src/server/rate-limit/replay-guard';
import { connected, redis as limiterRedis } from '../../web/src/server/rate-limit/rate-limit';
import { realtimeHub } from '../../web/src/server/realtime/realtime-hub';
import { readConfig } from './config';
import { startWorker, type RunningWorker } from './start-worker';
import { customerWrites, seedScenarioWorkspace, waitFor } from './test-harness';

type Cluster = {
  nodes: string;
  ports: number[];
  stop: () => Promise<void>;
  kill: (i: number) => Promise<void>;
  start: (i: number) => Promise<void>;
  waitHealthy: (ms?: number) => Promise<void>;
};

const shared = testDatabase(1);
const dbName = `baton_cluster_${process.pid}_${Date.now()}`;
// The default prefix: hash slots below are then the ones a real deployment gets.
const PREFIX = 'baton';
let handle: DatabaseHandle;
let cluster: Cluster;
let worker: RunningWorker;
let queues: QueueClient;
let admin: Redis;
const workerLog: string[] = [];

beforeAll(async () => {
  const started = startRedisCluster({
    dir: mkdtempSync(path.join(tmpdir(), 'baton-cluster-')),
  }) as Promise<Cluster>;
  await shared.db.execute(sql.raw(`create database ${dbName}`));
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${dbName}`;
  handle = createDatabase(url.toString(), { max: 6, applicationName: 'baton-test' });
  await migrateDatabase(handle.db);
  cluster = await started;
  // The web's modules read these when they first connect (rate limits, replay keys, realtime hub).
  process.env.REDIS_CLUSTER_NODES = cluster.nodes;
  process.env.BATON_QUEUE_PREFIX = PREFIX;
  worker = await startWorker(
    readConfig({
      DATABASE_URL: url.toString(),
      REDIS_CLUSTER_NODES: cluster.nodes,
      BATON_QUEUE_PREFIX: PREFIX,
      RECONCILE_INTERVAL_MS: '500',
      RECONCILE_GRACE_MS: '1000',
      LEADER_CHECK_MS: '200',
      WORKER_LOCK_MS: '3000',
      WORKER_STALL_MS: '3000',
    }),
    (line) => workerLog.push(line),
  );
  queues = new QueueClient(createRedis(undefined, 'baton-test', cluster.nodes), PREFIX);
  admin = new Redis(cluster.ports[0]!, '127.0.0.1');
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await queues?.close();
  admin?.disconnect();
  limiterRedis()?.disconnect();
  delete process.env.REDIS_CLUSTER_NODES;
  await cluster?.stop();
  await handle?.close();
  await shared.db.execute(sql.raw(`drop database if exists ${dbName} with (force)`));
  await shared.close();
});

/** Index (into cluster.ports) of the master serving a key, from CLUSTER SLOTS. */
async function masterOf(key: string): Promise<number> {
  const slot = Number(await admin.call('CLUSTER', 'KEYSLOT', key));
  const ranges = (await admin.call('CLUSTER', 'SLOTS')) as Array<
    [number, number, [string, number, string]]
  >;
  const range = ranges.find(([start, end]) => slot >= start && slot <= end)!;
  return cluster.ports.indexOf(Number(range[2][1]));
}

describe('on a 3-master Redis Cluster', () => {
  it('puts each queue under a hash tag of its own, so the event shards and the timers spread over the masters', async () => {
    expect(queues.cluster).toBe(true);
    const names = [0, 1, 2, 3]
      .map((i) => eventQueueName(QUEUE_NAMES.events, i))
      .concat(QUEUE_NAMES.waits, QUEUE_NAMES.sla);
    const prefixes = names.map((n) => queues.prefixOf(n));
    expect(prefixes).toEqual(names.map((n) => `{${PREFIX}:${n}}`));
    const slots = await Promise.all(
      prefixes.map((p) => admin.call('CLUSTER', 'KEYSLOT', `${p}:x`)),
    );
    expect(new Set(slots).size).toBe(names.length);
    const masters = await Promise.all(prefixes.map((p) => masterOf(`${p}:x`)));
    expect(new Set(masters).size).toBeGreaterThan(1);
  });

  it('routes the seed scenario: conversation → Alice → the wait fires → Carol with a comment mentioning her', async () => {
    const { ws, t } = await seedScenarioWorkspace(handle.db, { waitSeconds: 1 });
    const inbound = await customerWrites(t, queues, ws.channelId);
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
    const [assignEvt, reassignEvt] = reassigned.events.slice(1);
    expect(
      reassignEvt!.createdAt.getTime() - assignEvt!.createdAt.getTime(),
    ).toBeGreaterThanOrEqual(1000);
  });

  it('keeps rate limits, replay keys and realtime working', async () => {
    const limiter = limiterRedis()!;
    expect(isCluster(limiter)).toBe(true);
    await connected(limiter);
    const key = `${PREFIX}:limits:ratelimit:test:${randomUUID()}`;
    const takes = [];
    for (let i = 0; i < 3; i++)
      takes.push((await takeToken(limiter, key, { limit: 2, windowMs: 60_000 })).allowed);
    expect(takes).toEqual([true, true, false]);

    const signature = randomUUID();
    const channelId = randomUUID();
    expect((await claimSignature(channelId, signature)).replayed).toBe(false);
    expect((await claimSignature(channelId, signature)).replayed).toBe(true);

    // The web's hub subscribes on one node; a worker's publish on another reaches it.
    const workspaceId = randomUUID();
    const heard: RealtimeEvent[] = [];
    const sub = realtimeHub().subscribe(workspaceId, (e) => heard.push(e));
    await sub.ready;
    const pubConnection = createRedis(undefined, 'baton-test-pub', cluster.nodes);
    const publisher = new RealtimePublisher(pubConnection, PREFIX);
    const conversationId = randomUUID();
    await waitFor(
      async () => {
        await publisher.conversationChanged(workspaceId, [conversationId], 'assignment');
        return heard.length > 0;
      },
      10_000,
      200,
    );
    expect(heard[0]).toEqual({
      type: 'conversation.changed',
      conversationId,
      change: 'assignment',
    });
    sub.unsubscribe();
    pubConnection.disconnect();
  });

  it(
    'chaos-lite: the master holding the wait timers is SIGKILLed mid-run and restarts empty; every conversation is still routed exactly once',
    { timeout: 60_000 },
    async () => {
      const WAIT_SECONDS = 2;
      const CONVERSATIONS = 30;
      const ws = await createChaosWorkspace(handle.db, WAIT_SECONDS);
      const victim = await masterOf(`${queues.prefixOf(QUEUE_NAMES.waits)}:x`);
      let restarted: Promise<void> | null = null;
      for (let i = 0; i < CONVERSATIONS; i++) {
        const inbound = await receiveInboundMessage(ws.t, ws.channelId, {
          contact: { externalId: `c-${i}`, name: `Customer ${i}` },
          text: 'Hello?',
          externalId: `m-${i}`,
        });
        // As the web does: enqueue after commit, never waiting on Redis (the relay covers a loss).
        void queues.enqueueEvents(ws.workspaceId, inbound.outboxEventIds).catch(() => {});
        if (i === CONVERSATIONS / 2) {
          // Conversations are waiting on timers in that master: they go with it (no AOF, no RDB).
          await waitFor(async () => (await queues.waits.getDelayedCount()) > 0, 15_000, 50);
          await cluster.kill(victim);
          restarted = new Promise((r) => setTimeout(r, 1000)).then(() => cluster.start(victim));
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      await restarted;
      await cluster.waitHealthy();
      const { settled, report, verdict } = await settleAndCheck(handle.pool, ws.workspaceId, {
        conversations: CONVERSATIONS,
        waitMs: WAIT_SECONDS * 1000,
        timeoutMs: 40_000,
      });
      if (!settled) console.log('[cluster chaos-lite] not settled', workerLog.join('\n'));
      expect(verdict).toEqual(cleanVerdict(CONVERSATIONS));
      // The lost timers were rebuilt from Postgres (nothing else could have fired those waits).
      const rebuilt = workerLog.reduce(
        (n, l) => n + Number(/re-created (\d+) lost timer/.exec(l)?.[1] ?? 0),
        0,
      );
      const replaced = workerLog.filter((l) => /replacing its BullMQ worker/.test(l)).length;
      console.log(
        `[cluster chaos-lite] ${CONVERSATIONS} conversations, master :${cluster.ports[victim]} SIGKILLed; timers rebuilt ${rebuilt}, BullMQ workers replaced ${replaced}; wait lateness p50 ${report.lateness.p50Ms} ms, p99 ${report.lateness.p99Ms} ms, max ${report.lateness.maxMs} ms`,
      );
      expect(rebuilt).toBeGreaterThan(0);
    },
  );
});
