import { Worker } from 'bullmq';
import { createDatabase } from '@baton/db';
import { QUEUE_NAMES, QueueClient, createRedis } from '@baton/queue';
import type { WorkerConfig } from './config';
import { createEventProcessor } from './event-processor';
import { createWaitProcessor } from './wait-processor';
import { relayPendingOutboxEvents } from './outbox-relay';
import { reconcileOverdueWaits } from './reconcile-overdue-waits';

export type RunningWorker = { stop: () => Promise<void> };

export async function startWorker(config: WorkerConfig, log: (msg: string) => void = console.log): Promise<RunningWorker> {
  const database = createDatabase(config.DATABASE_URL, { max: Math.min(config.WORKER_CONCURRENCY, 40), applicationName: 'baton-worker' });
  const queueConnection = createRedis(config.REDIS_URL, 'baton-worker-queues');
  const queues = new QueueClient(queueConnection, config.BATON_QUEUE_PREFIX);
  const common = { prefix: config.BATON_QUEUE_PREFIX, concurrency: config.WORKER_CONCURRENCY };
  const workers = [
    new Worker(QUEUE_NAMES.events, createEventProcessor(database.db, queues), {
      ...common,
      connection: createRedis(config.REDIS_URL, 'baton-worker-events'),
    }),
    new Worker(QUEUE_NAMES.waits, createWaitProcessor(database.db, queues), {
      ...common,
      connection: createRedis(config.REDIS_URL, 'baton-worker-waits'),
    }),
  ];
  for (const w of workers) {
    w.on('failed', (job, err) => log(`[worker] ${w.name} job ${job?.id} failed: ${err.message}`));
    w.on('error', (err) => log(`[worker] ${w.name} error: ${err.message}`));
  }

  let stopping = false;
  const sweep = async () => {
    if (stopping) return;
    try {
      const relayed = await relayPendingOutboxEvents(database.db, queues, 2000);
      const rescheduled = await reconcileOverdueWaits(database.db, queues, config.RECONCILE_GRACE_MS);
      if (relayed || rescheduled) log(`[worker] relayed ${relayed} outbox event(s), re-created ${rescheduled} lost timer(s)`);
    } catch (err) {
      log(`[worker] sweep failed: ${(err as Error).message}`);
    }
  };
  const timer = setInterval(sweep, config.RECONCILE_INTERVAL_MS);
  void sweep();
  log(`[worker] ready: concurrency ${config.WORKER_CONCURRENCY}, reconcile every ${config.RECONCILE_INTERVAL_MS} ms`);

  return {
    stop: async () => {
      stopping = true;
      clearInterval(timer);
      await Promise.all(workers.map((w) => w.close()));
      await queues.close();
      queueConnection.disconnect();
      await database.close();
    },
  };
}
