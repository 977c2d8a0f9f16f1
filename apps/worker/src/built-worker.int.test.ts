// The worker as production starts it — package.json's `start` script (start.mjs: the bundle in
// dist/ that build.mjs writes) — against real Postgres and Redis. It fails when the bundle misses
// a runtime dependency (the process does not load, a job or a simulation's threads fail), and when
// the start script runs a stale bundle: dist/build.json is first made to say that a source changed
// since the build, and the start must rebuild before it runs.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createSimulation, getSimulation } from '@baton/db';
import { insertBulkOpenings, testDatabase } from '@baton/db/testing';
import { QueueClient, createRedis } from '@baton/queue';
import { createChaosWorkspace } from '../../../chaos/chaos-workspace';
import { KillableProcess } from '../../../chaos/killable-process';
import { cleanVerdict, settleAndCheck } from '../../../chaos/settle-and-check';
import { MANIFEST, WORKER_DIR, staleReason } from '../build.mjs';
import { seedScenarioWorkspace, waitFor } from './test-harness';
import { customerWritesIn } from './worker-process';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const handle = testDatabase(4);
const redis = createRedis(process.env.REDIS_URL!, 'built-worker-int');
const prefix = `b${randomUUID().slice(0, 8)}`;
const queues = new QueueClient(redis, prefix);
const logDir = mkdtempSync(path.join(tmpdir(), 'built-worker-'));
const logFile = path.join(logDir, 'worker.log');
const start = (JSON.parse(readFileSync(path.join(WORKER_DIR, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
// What `pnpm --filter @baton/worker start` runs (the Dockerfile's command), without pnpm.
const worker = new KillableProcess('built-worker', '/bin/sh', ['-c', start], {
  cwd: WORKER_DIR,
  logFile,
  env: {
    ...process.env,
    PATH: `${path.join(WORKER_DIR, 'node_modules/.bin')}:${path.join(root, 'node_modules/.bin')}:${process.env.PATH}`,
    BATON_QUEUE_PREFIX: prefix,
    RECONCILE_INTERVAL_MS: '500',
    WORKER_CONCURRENCY: '10',
    LEADER_CHECK_MS: '200',
  },
});
const output = () => readFileSync(logFile, 'utf8');

afterAll(async () => {
  worker.kill('SIGTERM');
  await queues.close();
  redis.disconnect();
  await handle.close();
  rmSync(logDir, { recursive: true, force: true });
});

describe('the built worker (the start script)', () => {
  it('rebuilds a stale bundle, then routes conversations, fires their waits and runs a simulation on its bundled threads', { timeout: 120_000 }, async () => {
    // A source edited since the last build, as far as dist/ can tell.
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { inputs: Record<string, string> };
    manifest.inputs['src/wait-processor.ts'] = '0000000000000000';
    writeFileSync(MANIFEST, JSON.stringify(manifest));
    expect(staleReason()).toBe('src/wait-processor.ts changed');

    writeFileSync(logFile, '');
    worker.start();
    await waitFor(async () => output().includes('[worker] taking jobs'), 60_000, 100).catch(() => {
      throw new Error(`the built worker did not start:\n${output().slice(-3000)}`);
    });
    expect(output()).toMatch(/\[worker\] built dist\/ in \d+ ms \(src\/wait-processor\.ts changed\)/);
    expect(staleReason()).toBeNull();

    // Events, assignment, a 1 s wait and the reassignment, in the built worker.
    const ws = await createChaosWorkspace(handle.db, 1);
    for (let i = 0; i < 3; i++) await customerWritesIn(ws, queues, i);
    const { verdict } = await settleAndCheck(handle.pool, ws.workspaceId, { conversations: 3, waitMs: 1000 });
    expect(verdict).toEqual(cleanVerdict(3));

    // A simulation: the threads' bundles beside dist/main.mjs.
    const sim = await seedScenarioWorkspace(handle.db, { waitSeconds: 60 });
    await insertBulkOpenings(handle.db, sim.t.workspaceId, sim.ws.channelId, 200);
    const { id } = await createSimulation(sim.t, sim.workflowId, { from: new Date(Date.now() - 3 * 86_400_000), to: new Date(), seed: 5 }, sim.ws.users.Admin!.id);
    const done = await waitFor(async () => {
      const s = await getSimulation(sim.t, id);
      return s.status === 'succeeded' || s.status === 'failed' ? s : null;
    }, 60_000, 100);
    expect({ status: done.status, error: done.error }).toEqual({ status: 'succeeded', error: null });
    expect(done.result!.versions.find((v) => v.label === 'published')!.runs).toBe(200);
    expect(output()).not.toMatch(/through tsx|ERR_MODULE_NOT_FOUND|Cannot find/);
  });
});
