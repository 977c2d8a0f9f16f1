// Shared set-up for the worker's integration tests: a real worker on the run's Redis and
// Postgres, with a queue prefix of its own so test files never see each other's jobs.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { reassignIfNoReply } from '@baton/engine';
import { createWorkflow, publishWorkflow, receiveInboundMessage, tenant, type Tenant } from '@baton/db';
import { createTestWorkspace, testDatabase } from '@baton/db/testing';
import { QueueClient, createRedis } from '@baton/queue';
import { startWorker, type RunningWorker } from './start-worker';

export async function startTestWorker(overrides: Partial<Record<string, string>> = {}) {
  const prefix = `t${randomUUID().slice(0, 8)}`;
  const env = {
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL,
    BATON_QUEUE_PREFIX: prefix,
    RECONCILE_INTERVAL_MS: '500',
    RECONCILE_GRACE_MS: '1000',
    ...overrides,
  };
  const { readConfig } = await import('./config');
  let worker: RunningWorker | null = await startWorker(readConfig(env as NodeJS.ProcessEnv), () => {});
  const redis = createRedis(process.env.REDIS_URL!, 'baton-test');
  const queues = new QueueClient(redis, prefix);
  return {
    prefix,
    queues,
    redis,
    env,
    async restart() {
      await worker?.stop();
      worker = await startWorker(readConfig(env as NodeJS.ProcessEnv), () => {});
    },
    async stopWorkerOnly() {
      await worker?.stop();
      worker = null;
    },
    async stop() {
      await worker?.stop();
      await queues.close();
      redis.disconnect();
    },
  };
}

/**
 * A simulation test file's set-up: its database, and a worker that polls for simulations every
 * 100 ms, started before the file's tests and stopped after them.
 */
export function simulationTestFile() {
  const file = { handle: testDatabase(10), harness: null as unknown as Awaited<ReturnType<typeof startTestWorker>> };
  beforeAll(async () => {
    file.harness = await startTestWorker({ SIMULATION_POLL_MS: '100' });
  });
  afterAll(async () => {
    await file.harness.stop();
    await file.handle.close();
  });
  return file;
}

export async function seedScenarioWorkspace(
  db: ReturnType<typeof testDatabase>['db'],
  opts: { waitSeconds: number; carol?: 'online' | 'offline'; queueTimeoutSeconds?: number },
) {
  const ws = await createTestWorkspace(db, {
    members: [
      { name: 'Admin', role: 'admin' },
      { name: 'Alice' },
      { name: 'Bob', availability: 'offline' },
      { name: 'Carol', availability: opts.carol ?? 'online' },
    ],
    teams: { Sales: ['Alice', 'Bob'], Support: ['Carol'] },
  });
  const t = tenant(db, ws.workspaceId);
  const definition = reassignIfNoReply({
    firstTeamId: ws.teams.Sales!,
    secondTeamId: ws.teams.Support!,
    duration: { amount: opts.waitSeconds, unit: 'seconds' },
    ...(opts.queueTimeoutSeconds ? { queueTimeout: { amount: opts.queueTimeoutSeconds, unit: 'seconds' as const } } : {}),
  });
  const { id } = await createWorkflow(t, { name: 'Fast handoff', definition }, ws.users.Admin!.id);
  await publishWorkflow(t, id, ws.users.Admin!.id);
  return { ws, t, workflowId: id };
}

/** What the public API does for an inbound message: commit, then hand events to the queue. */
export async function customerWrites(t: Tenant, queues: QueueClient, channelId: string, externalId = randomUUID()) {
  const inbound = await receiveInboundMessage(t, channelId, { contact: { externalId, name: 'Dana' }, text: 'Hello?' });
  await queues.enqueueEvents(t.workspaceId, inbound.outboxEventIds);
  return inbound;
}

export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 15_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
