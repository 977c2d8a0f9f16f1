import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { createRedis } from '@baton/queue';
import { SupervisedWorker } from './supervised-worker';
import { waitFor } from './test-harness';

const connection = createRedis(process.env.REDIS_URL!, 'supervised-worker-test');
const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers) await close();
  connection.disconnect();
});

function setUp(processor: () => Promise<void>, concurrency: number) {
  const prefix = `s${randomUUID().slice(0, 8)}`;
  const queue = new Queue('jobs', { connection, prefix });
  const log: string[] = [];
  const worker = new SupervisedWorker(
    queue,
    processor,
    { prefix, concurrency, stallMs: 600 },
    () => createRedis(process.env.REDIS_URL!, 'supervised-worker-test-w'),
    (l) => log.push(l),
  );
  closers.push(async () => {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  });
  return { queue, worker, log };
}

describe('SupervisedWorker', () => {
  it('replaces a BullMQ worker that stopped taking jobs, and the job is then processed', async () => {
    let processed = 0;
    const { queue, worker, log } = setUp(async () => void processed++, 2);
    await queue.add('a', {});
    await waitFor(async () => processed === 1);
    // What the hang looks like from outside: the worker runs no loop any more.
    await worker.current.close();
    await queue.add('b', {});
    await waitFor(async () => processed === 2, 15_000);
    expect(worker.replaced).toBe(1);
    expect(log.join('\n')).toMatch(/replacing its BullMQ worker/);
  });

  it('leaves alone a worker whose every slot is busy, however long the queue waits', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let started = 0;
    const { queue, worker } = setUp(async () => {
      started++;
      await gate;
    }, 1);
    await queue.add('long', {});
    await queue.add('queued', {});
    await waitFor(async () => started === 1);
    await new Promise((r) => setTimeout(r, 2500)); // four stall periods with a job waiting
    expect(worker.replaced).toBe(0);
    release();
    await waitFor(async () => started === 2);
    expect(worker.replaced).toBe(0);
  });
});
