import type { Queue, Worker } from 'bullmq';
import { cleanGinPendingLists, createDatabase, describeDbError, holdLeaderLease, listenRunMoves, listenSlaSync, poolTimeoutsFromEnv } from '@baton/db';
import { withoutQueryParams } from './without-query-params';
import { QueueClient, RealtimePublisher, cappedBackoff, createRedis } from '@baton/queue';
import type { WorkerConfig } from './config';
import { createEventProcessor } from './event-processor';
import { createWaitProcessor } from './wait-processor';
import { relayPendingOutboxEvents } from './outbox-relay';
import { reconcileOverdueWaits } from './reconcile-overdue-waits';
import { RunsHandOff } from './after-commit';
import { createDeliveryProcessor, readDeliverySettings } from './delivery-processor';
import { sweepPendingDeliveries } from './delivery-sweep';
import { readIdleAwayMs, sweepIdleMembers } from './idle-away-sweep';
import { sweepIdempotencyKeys } from './idempotency-key-sweep';
import { readWebhookSettings, startWebhookDispatcher } from './webhook-dispatcher';
import { readSimulationSettings, startSimulationRunner } from './simulation-runner';
import { QueueDrainer, startQueueSweep, startQueueWakes } from './queue-drainer';
import { SlaSyncer } from './sla-syncer';
import { createSlaTimerProcessor } from './sla-timer-processor';
import { SupervisedWorker } from './supervised-worker';
import { reconcileOverdueSlaTimers } from './reconcile-overdue-sla-timers';
import { RunMover } from './run-mover';

export type RunningWorker = { stop: () => Promise<void> };

/** How often BullMQ looks for jobs whose worker died: every second, or lock/2 if that is shorter. */
export function stalledIntervalFor(lockMs: number): number {
  return Math.max(500, Math.min(1000, Math.floor(lockMs / 2)));
}

export async function startWorker(config: WorkerConfig, log: (msg: string) => void = console.log): Promise<RunningWorker> {
  // Batches and sweeps take milliseconds to a second; the bound only stops a runaway.
  const poolTimeouts = poolTimeoutsFromEnv({ statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 30_000 });
  const database = createDatabase(config.DATABASE_URL, {
    max: Math.min(config.WORKER_CONCURRENCY, 40),
    applicationName: 'baton-worker',
    ...poolTimeouts,
  });
  const queueConnection = createRedis(config.REDIS_URL, 'baton-worker-queues', config.REDIS_CLUSTER_NODES);
  const queues = new QueueClient(queueConnection, config.BATON_QUEUE_PREFIX);
  const publisherConnection = createRedis(config.REDIS_URL, 'baton-worker-realtime', config.REDIS_CLUSTER_NODES);
  const publisher = new RealtimePublisher(publisherConnection, config.BATON_QUEUE_PREFIX);
  // The one hand-off of everything this process commits: jobs, then the inboxes' notices
  // (runs change conversations: assignments, comments, closing), then the listener.
  const afterCommit = new RunsHandOff(queues, publisher, [
    // Assignment queues: a run that just joined a queue gets one re-check after its commit (an
    // agent may have come online while it was being queued). Heard only after a commit, by
    // when the drainer below exists.
    async (workspaceId, results) => {
      for (const pool of new Set(results.flatMap((r) => (r.queued ? [r.queued] : []))))
        drainer.wake({ workspaceId, userId: null, reason: 'queued', pool });
    },
  ]);
  // Postgres announces agents becoming available (LISTEN/NOTIFY) to the drainer.
  const drainer = new QueueDrainer(database.db, afterCommit, log);
  const queueWakes = startQueueWakes(config.DATABASE_URL, drainer, database.db, log);
  // Periodic repairs (see "Duties of several worker processes" below) run in one leader.
  let sweepLease: ReturnType<typeof holdLeaderLease> | null = null;
  const leading = () => sweepLease?.isLeader() ?? false;
  const queueSweep = startQueueSweep(drainer, database.db, config.QUEUE_SWEEP_INTERVAL_MS, log, leading);
  // SLA clocks: re-planned when their conversations change (NOTIFY from the triggers that queue them).
  const slaSyncer = new SlaSyncer(database.db, afterCommit, log);
  const slaWakes = listenSlaSync(config.DATABASE_URL, () => slaSyncer.wake(), log);
  // Publish-time moves of waiting runs to the new version (NOTIFY from the publish transaction).
  const runMover = new RunMover(database.db, afterCommit, log);
  const runMoveWakes = listenRunMoves(config.DATABASE_URL, () => runMover.wake(), log);
  const idleAwayMs = readIdleAwayMs();
  const common = {
    prefix: config.BATON_QUEUE_PREFIX,
    concurrency: config.WORKER_CONCURRENCY,
    // Crash recovery: a dead worker's job is moved back to wait by the first stalled check
    // after its lock lapses, so within lock + stalledInterval of the crash. The check is one
    // Lua call per queue per interval for the whole deployment (BullMQ's stalled-check key),
    // so it runs every second whatever the lock: with lock/2 (5 s) it added up to 5 s to
    // every crash. Jobs are idempotent, so a job stalled by repeated crashes is retried
    // rather than failed (maxStalledCount).
    lockDuration: config.WORKER_LOCK_MS,
    stalledInterval: stalledIntervalFor(config.WORKER_LOCK_MS),
    maxStalledCount: 10,
    settings: { backoffStrategy: cappedBackoff },
  };
  // One processor (one group-commit batcher) shared by every shard's worker.
  const processEvent = withoutQueryParams(createEventProcessor(database.db, afterCommit));
  // Start-up, spawn to work: the first BullMQ worker connected and fetching (chaos measures
  // restarts by this line; process.uptime() misses a wrapper's own start, like tsx's CLI).
  let takingJobs = false;
  const watch = (w: Worker) => {
    w.once('ready', () => {
      if (takingJobs) return;
      takingJobs = true;
      log(`[worker] taking jobs ${Math.round(process.uptime() * 1000)} ms after the process started`);
    });
    w.on('failed', (job, err) => log(`[worker] ${w.name} job ${job?.id} failed: ${err.message}`));
    w.on('error', (err) => log(`[worker] ${w.name} error: ${describeDbError(err).split('\n')[0]}`));
  };
  // Each BullMQ worker is replaced if it stops taking jobs (supervised-worker.ts).
  const supervised = (queue: Queue, processor: ConstructorParameters<typeof SupervisedWorker>[1], connectionName: string, concurrency = config.WORKER_CONCURRENCY) =>
    new SupervisedWorker(
      queue,
      processor,
      { ...common, prefix: queues.prefixOf(queue.name), concurrency, stallMs: config.WORKER_STALL_MS },
      () => createRedis(config.REDIS_URL, connectionName, config.REDIS_CLUSTER_NODES),
      log,
      watch,
    );
  const consumes = config.WORKER_QUEUES;
  const workers = [
    // One worker per workspace shard, each with its share of the concurrency: a flood in
    // one shard leaves the others' slots free (noisy-neighbour fairness).
    ...(consumes.has('events')
      ? queues.eventShards.map((queue, shard) =>
          supervised(queue, processEvent, `baton-worker-events-${shard}`, Math.max(2, Math.ceil(config.WORKER_CONCURRENCY / queues.eventShards.length))),
        )
      : []),
    ...(consumes.has('waits') ? [supervised(queues.waits, withoutQueryParams(createWaitProcessor(database.db, afterCommit)), 'baton-worker-waits')] : []),
    ...(consumes.has('sla') ? [supervised(queues.sla, withoutQueryParams(createSlaTimerProcessor(database.db, afterCommit)), 'baton-worker-sla')] : []),
    ...(consumes.has('deliveries')
      ? [supervised(queues.deliveries, withoutQueryParams(createDeliveryProcessor(database.db, afterCommit, readDeliverySettings())), 'baton-worker-deliveries')]
      : []),
  ];
  log(`[worker] consuming ${[...consumes].join(', ')}`);

  // Duties of several worker processes (any number may run against one Postgres and Redis):
  // - every process: the BullMQ workers above (a job is active in one process at a time, and
  //   its effects are claimed under the conversation's row lock: event processed_at, the run's
  //   wait sequence, the SLA clock's seq/phase, the delivery row), the queue-wake LISTEN and
  //   drains (pg_advisory_xact_lock per workspace; queued runs re-read under it, so a second
  //   drain finds nothing), the SLA-sync LISTEN and passes (conversation rows locked FOR
  //   UPDATE, queue rows deleted under them: a concurrent pass gets none of them), the event
  //   webhook dispatcher (rows leased with SKIP LOCKED), the run-move LISTEN and passes (the
  //   pending run_moves row locked with SKIP LOCKED: one process moves a batch at a time, runs
  //   re-read under their conversations' locks). These are on the latency path: a
  //   leader would add a failover delay and a bottleneck for no gain in correctness.
  // - one leader (Postgres advisory lock per deployment prefix, leader-lease.ts): the sweep
  //   below (outbox relay, wait and SLA timer reconcilers, delivery re-enqueue, idle members
  //   → away, expired idempotency keys, the SLA-sync catch-up, search indexes' GIN pending
  //   lists) and the queue safety sweep with
  //   the leads' long-wait alerts. Each is also safe concurrently (job ids are the dedupe key,
  //   UPDATE … WHERE re-checked under row locks, SKIP LOCKED, unique source keys), which is
  //   what makes a brief overlap during a lease hand-over harmless; one leader avoids N
  //   processes repeating the same scans and Redis lookups every few seconds, and concurrent
  //   idle-away UPDATEs deadlocking on each other.
  let stopping = false;
  // One sweep at a time: under load a sweep can outlast its interval, and the timer used to
  // start another beside it — chaos (2026-12-03, load 13) saw ~30 overlapping sweeps in the
  // leader, each relaying the same hundreds of events and re-checking the same timers one
  // Redis round trip at a time, which made a sweep take 5–13 s and lost timers (a Redis
  // flush) fire 52 s late. A tick that finds one running is skipped.
  let sweeping = false;
  const sweep = async () => {
    if (stopping || sweeping || !leading()) return;
    sweeping = true;
    const began = Date.now();
    try {
      // Side by side: a long relay (an event backlog) must not hold lost timers back.
      const [relayed, waits, slaTimers] = await Promise.all([
        relayPendingOutboxEvents(database.db, queues, 2000),
        reconcileOverdueWaits(database.db, queues, config.RECONCILE_GRACE_MS),
        reconcileOverdueSlaTimers(database.db, queues, config.RECONCILE_GRACE_MS),
      ]);
      const rescheduled = waits + slaTimers;
      // A missed NOTIFY (listener reconnecting) leaves rows in the SLA queue: the sweep drains them.
      slaSyncer.wake();
      runMover.wake();
      if (relayed || rescheduled) log(`[worker] ${new Date().toISOString()} relayed ${relayed} outbox event(s), re-created ${rescheduled} lost timer(s)`);
      // A delivery job lost between commit and enqueue; its first attempt would be long done.
      const redelivered = await sweepPendingDeliveries(database.db, queues, 60_000);
      const away = await sweepIdleMembers(database.db, afterCommit, idleAwayMs);
      if (redelivered || away) log(`[worker] re-enqueued ${redelivered} delivery(ies), ${away} idle member(s) set away`);
      const expiredKeys = await sweepIdempotencyKeys(database.db);
      if (expiredKeys) log(`[worker] deleted ${expiredKeys} expired idempotency key(s)`);
      // Search indexes' pending lists merged here, not by the insert that crosses the limit.
      await cleanGinPendingLists(database.db);
    } catch (err) {
      log(`[worker] sweep failed: ${describeDbError(err)}`);
    }
    sweeping = false;
    const took = Date.now() - began;
    if (took > config.RECONCILE_INTERVAL_MS) log(`[worker] ${new Date().toISOString()} sweep took ${took} ms (interval ${config.RECONCILE_INTERVAL_MS} ms)`);
  };
  const timer = setInterval(sweep, config.RECONCILE_INTERVAL_MS);
  const webhooks = startWebhookDispatcher(database.db, readWebhookSettings(), log);
  // Simulations (rows claimed with SKIP LOCKED): every process may run one.
  const simulationRunner = startSimulationRunner(database.db, readSimulationSettings(), { databaseUrl: config.DATABASE_URL, poolTimeouts }, log);
  // The lock is per deployment (queue prefix): deployments sharing a Postgres each get a leader.
  sweepLease = holdLeaderLease(config.DATABASE_URL, {
    name: `baton-worker-sweeps:${config.BATON_QUEUE_PREFIX}`,
    applicationName: 'baton-worker-lease',
    checkMs: config.LEADER_CHECK_MS,
    log,
    onChange: (leader) => {
      log(leader ? '[worker] leading the sweeps (relay, reconcilers, queue sweep)' : '[worker] no longer leading the sweeps');
      // A new leader catches up at once: the previous one may have died mid-period.
      if (leader) {
        void sweep();
        queueSweep.tick();
      }
    },
  });
  log(`[worker] ready ${Math.round(process.uptime() * 1000)} ms after the process started: concurrency ${config.WORKER_CONCURRENCY}, reconcile every ${config.RECONCILE_INTERVAL_MS} ms`);

  return {
    stop: async () => {
      stopping = true;
      clearInterval(timer);
      await sweepLease?.stop();
      await webhooks.stop();
      await simulationRunner.stop();
      queueSweep.stop();
      await queueWakes.stop();
      await slaWakes.stop();
      await slaSyncer.stop();
      await runMoveWakes.stop();
      await runMover.stop();
      await Promise.all(workers.map((w) => w.close(Math.max(5000, config.WORKER_LOCK_MS))));
      await drainer.idle();
      publisherConnection.disconnect();
      await queues.close();
      queueConnection.disconnect();
      await database.close();
    },
  };
}
