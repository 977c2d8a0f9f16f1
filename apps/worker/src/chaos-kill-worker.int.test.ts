// `pnpm chaos`, scaled down to fit the regular suite: conversations through the seed workflow
// with 2 s waits while the worker process is SIGKILLed at random and this queue's Redis keys
// are wiped mid-run; afterwards the same invariant queries as the full chaos run.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { receiveInboundMessage } from '@baton/db';
import { testDatabase } from '@baton/db/testing';
import { QueueClient, createRedis } from '@baton/queue';
import { createChaosWorkspace } from '../../../chaos/chaos-workspace';
import { KillableProcess } from '../../../chaos/killable-process';
import { cleanVerdict, settleAndCheck } from '../../../chaos/settle-and-check';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const handle = testDatabase(10);
const redis = createRedis(process.env.REDIS_URL!, 'chaos-int');
const prefix = `c${randomUUID().slice(0, 8)}`;
const queues = new QueueClient(redis, prefix);
const WAIT_SECONDS = 2;
const CONVERSATIONS = Number(process.env.CHAOS_INT_CONVERSATIONS ?? 120);
// The production worker (apps/worker/start.mjs, the bundle in apps/worker/dist).
const worker = new KillableProcess('worker', process.execPath, ['apps/worker/start.mjs'], {
  cwd: root,
  logFile: process.env.CHAOS_INT_LOG,
  env: { ...process.env, BATON_QUEUE_PREFIX: prefix, RECONCILE_INTERVAL_MS: '500', RECONCILE_GRACE_MS: '1000', WORKER_CONCURRENCY: '20' },
});

afterAll(async () => {
  worker.kill('SIGTERM');
  await queues.close();
  redis.disconnect();
  await handle.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('chaos, scaled down', () => {
  it('worker SIGKILLed at random and the queue wiped mid-run: every conversation assigned, waited and handed on exactly once', { timeout: 90_000 }, async () => {
    const ws = await createChaosWorkspace(handle.db, WAIT_SECONDS);
    worker.start();
    let stop = false;
    // Kill the worker every 1.5–4 s; it comes back 0.2–1 s later (a crash loop's restart).
    const killer = (async () => {
      while (!stop) {
        await sleep(1500 + Math.random() * 2500);
        if (stop) break;
        await worker.restart(200 + Math.random() * 800);
      }
    })();
    // The "web": commit, then hand the event to the queue (ignored when that fails; the relay retries).
    const started = Date.now();
    for (let i = 0; i < CONVERSATIONS; i++) {
      const inbound = await receiveInboundMessage(ws.t, ws.channelId, { contact: { externalId: `c-${i}`, name: `Customer ${i}` }, text: 'Hello?', externalId: `m-${i}` });
      await queues.enqueueEvents(ws.workspaceId, inbound.outboxEventIds).catch(() => {});
      if (i === Math.floor(CONVERSATIONS / 2)) {
        // Redis loses everything of this deployment: jobs, delayed timers, locks.
        const keys = await redis.keys(`${prefix}:*`);
        if (keys.length) await redis.del(...keys);
      }
      await sleep(Math.max(0, started + (i * 6000) / CONVERSATIONS - Date.now())); // spread over ~6 s
    }
    await sleep(WAIT_SECONDS * 1000 + 3000);
    stop = true;
    await killer;
    if (!worker.running) worker.start();
    const { settled, report, verdict } = await settleAndCheck(handle.pool, ws.workspaceId, { conversations: CONVERSATIONS, waitMs: WAIT_SECONDS * 1000 });
    if (!settled || !report.ok) {
      const states = await handle.pool.query(`select status, count(*)::int as n, min(wake_at) as wake from workflow_runs where workspace_id = $1 group by status`, [ws.workspaceId]);
      const outbox = await handle.pool.query(`select count(*)::int as n from outbox_events where workspace_id = $1 and processed_at is null`, [ws.workspaceId]).catch(() => ({ rows: [] }));
      const waiting = await handle.pool.query(`select id, wait_seq from workflow_runs where workspace_id = $1 and status = 'waiting'`, [ws.workspaceId]);
      const jobStates = await Promise.all(waiting.rows.map(async (r) => (await queues.waits.getJob(`wait-${r.id}-${r.wait_seq}`))?.getState() ?? 'missing'));
      console.log('[chaos-int] not settled', JSON.stringify({ report, states: states.rows, outbox: outbox.rows, jobStates }));
    }
    expect({ ...verdict, kills: worker.kills > 0 }).toEqual({ ...cleanVerdict(CONVERSATIONS), kills: true });
    console.log(`[chaos-int] ${CONVERSATIONS} conversations, ${worker.kills} worker kills, wait lateness p50 ${report.lateness.p50Ms} ms, p99 ${report.lateness.p99Ms} ms, max ${report.lateness.maxMs} ms`);
  });
});
