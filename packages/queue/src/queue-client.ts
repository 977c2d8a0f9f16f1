import { Queue, type JobsOptions } from 'bullmq';
import {
  QUEUE_NAMES,
  deliveryJobId,
  eventJobId,
  eventsJobId,
  MAX_EVENTS_PER_JOB,
  type EventRefLike,
  waitJobId,
  slaJobId,
  type SlaJob,
  type DeliveryJob,
  type EventJob,
  type WaitJob,
} from './job-payloads';
import { eventQueueName, eventShardCount, shardOf } from './workspace-shard';
import { isCluster, queuePrefix, type RedisClient } from './redis-connection';
import { eachConcurrently } from './each-concurrently';

/** How many jobs a repair (relay, reconciler) looks up in Redis at once (eachConcurrently). */
export const REPAIR_CONCURRENCY = 32;

/** An SLA clock's timer, due at `at` (warning or breach). */
export type ScheduledSlaTimerLike = { workspaceId: string; clockId: string; seq: number; phase: 'warning' | 'breach'; at: Date };

export type ScheduledWaitLike = { workspaceId: string; runId: string; waitSeq: number; wakeAt: Date; http?: true; pools?: readonly string[] };

/**
 * BullMQ delayed jobs are promoted by a poll and arrive ~tens of ms late. Timers are
 * scheduled this much ahead of the due time; the worker then checks the database clock
 * and sleeps the rest, so a wait is neither early nor noticeably late.
 */
export const WAIT_LEAD_MS = 150;

const retention = { removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } } as const;

/**
 * Retries of event and wait jobs: 200 ms doubling, capped at 2 s. These jobs fail together
 * when Postgres or Redis is briefly away; plain doubling put the retry that finally found the
 * database back ≈ 12–25 s after a 1–2 s restart (CHAOS.md). Twenty attempts span ≈ 35 s; past
 * that the outbox relay and the reconciler re-create the jobs from Postgres.
 */
export const CAPPED_BACKOFF = { type: 'capped', delay: 200 } as const;
const MAX_BACKOFF_MS = 2_000;
const retry = { attempts: 20, backoff: CAPPED_BACKOFF } as const;

/** The worker's strategy for CAPPED_BACKOFF (BullMQ calls it for non-builtin types). */
export function cappedBackoff(attemptsMade: number, type?: string): number {
  if (type !== CAPPED_BACKOFF.type) throw new Error(`unknown backoff strategy ${type}`);
  return Math.min(MAX_BACKOFF_MS, CAPPED_BACKOFF.delay * 2 ** Math.max(0, attemptsMade - 1));
}

export class QueueClient {
  /** One queue per shard of workspaces (see workspace-shard.ts). */
  readonly eventShards: Queue<EventJob>[];
  readonly waits: Queue<WaitJob>;
  readonly deliveries: Queue<DeliveryJob>;
  /** SLA clocks' warning and breach timers: the same delayed-job machinery as waits, their own queue. */
  readonly sla: Queue<SlaJob>;

  /** Whether the connection is a Redis Cluster (each queue's keys then under its own hash tag). */
  readonly cluster: boolean;

  constructor(
    connection: RedisClient,
    private readonly prefix = 'baton',
    shards = eventShardCount(),
  ) {
    this.cluster = isCluster(connection);
    const queue = <T>(name: string) => new Queue<T>(name, { connection, prefix: this.prefixOf(name) });
    this.eventShards = Array.from({ length: shards }, (_, i) => queue<EventJob>(eventQueueName(QUEUE_NAMES.events, i)));
    this.waits = queue(QUEUE_NAMES.waits);
    this.deliveries = queue(QUEUE_NAMES.deliveries);
    this.sla = queue(QUEUE_NAMES.sla);
  }

  /** The BullMQ prefix of a queue: a worker of it must use the same (see queuePrefix). */
  prefixOf(queueName: string): string {
    return queuePrefix(this.prefix, queueName, this.cluster);
  }

  eventQueueFor(workspaceId: string): Queue<EventJob> {
    return this.eventShards[shardOf(workspaceId, this.eventShards.length)]!;
  }

  /** Events of one workspace to the worker (see enqueueEventsOf). */
  enqueueEvents(workspaceId: string, eventIds: readonly string[]): Promise<void> {
    return this.enqueueEventsOf([{ workspaceId, eventIds }]);
  }

  /**
   * Events of several workspaces committed together (a group commit's batch), in the one
   * job shape (job-payloads.ts): per shard, jobs of at most MAX_EVENTS_PER_JOB events of its
   * workspaces under ids derived from them, so a second hand-off of the same events adds
   * nothing. One round trip per shard, however many workspaces.
   */
  async enqueueEventsOf(events: ReadonlyArray<{ workspaceId: string; eventIds: readonly string[] }>): Promise<void> {
    const byShard = new Map<number, EventRefLike[]>();
    for (const { workspaceId, eventIds } of events) {
      const shard = shardOf(workspaceId, this.eventShards.length);
      const refs = byShard.get(shard) ?? [];
      for (const eventId of eventIds) refs.push({ workspaceId, eventId });
      byShard.set(shard, refs);
    }
    await Promise.all(
      [...byShard].map(([shard, refs]) => {
        const jobs: Array<{ name: string; data: EventJob; opts: JobsOptions }> = [];
        for (let i = 0; i < refs.length; i += MAX_EVENTS_PER_JOB) {
          const chunk = refs.slice(i, i + MAX_EVENTS_PER_JOB);
          jobs.push({ name: 'events', data: { events: chunk }, opts: { jobId: eventsJobId(chunk), ...retry, ...retention } });
        }
        return jobs.length ? this.eventShards[shard]!.addBulk(jobs) : null;
      }),
    );
  }

  /**
   * The outbox relay's re-enqueue, one event per job: like enqueueEvents, but a job left failed (retries spent,
   * or stalled too often by crashing workers) or completed under the same id would make
   * the add a no-op while Postgres still says the event is unprocessed, so it is replaced.
   * An active or waiting job is left alone (stall detection hands it to a live worker). An
   * event still waiting inside a job of several is found under no id of its own, so it is sent
   * again alone: the worker claims each event once (processed_at), whichever job comes first.
   */
  async requeueEvents(workspaceId: string, eventIds: readonly string[]): Promise<void> {
    // Each event on its own (its job id is its own), REPAIR_CONCURRENCY at a time.
    await eachConcurrently(eventIds, REPAIR_CONCURRENCY, async (eventId) => {
      const existing = await this.eventQueueFor(workspaceId).getJob(eventJobId(eventId));
      if (existing) {
        const state = await existing.getState();
        if (state !== 'failed' && state !== 'completed' && state !== 'unknown') return;
        await existing.remove().catch(() => {});
      }
      await this.enqueueEvents(workspaceId, [eventId]);
    });
  }

  async scheduleWaits(waits: readonly ScheduledWaitLike[], now = Date.now()): Promise<void> {
    if (waits.length === 0) return;
    await this.waits.addBulk(
      waits.map((w) => ({
        name: 'wait',
        data: { workspaceId: w.workspaceId, runId: w.runId, waitSeq: w.waitSeq, ...(w.http ? { http: true as const } : {}), ...(w.pools ? { pools: [...w.pools] } : {}) },
        opts: {
          jobId: waitJobId(w.runId, w.waitSeq),
          delay: Math.max(0, w.wakeAt.getTime() - now - WAIT_LEAD_MS),
          ...retry,
          ...retention,
        },
      })),
    );
  }

  /** Re-creates a timer that may have been lost (used by the reconciler and "fire now"). */
  async rescheduleWait(wait: ScheduledWaitLike, now = Date.now()): Promise<'added' | 'exists'> {
    const id = waitJobId(wait.runId, wait.waitSeq);
    const existing = await this.waits.getJob(id);
    if (existing) {
      const state = await existing.getState();
      if (state === 'delayed' && wait.wakeAt.getTime() <= now) {
        await existing.changeDelay(0);
        return 'exists';
      }
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return 'exists';
      await existing.remove().catch(() => {});
    }
    await this.scheduleWaits([wait], now);
    return 'added';
  }

  async cancelWait(runId: string, waitSeq: number): Promise<void> {
    await this.waits.remove(waitJobId(runId, waitSeq)).catch(() => {});
  }

  async scheduleSlaTimers(timers: readonly ScheduledSlaTimerLike[], now = Date.now()): Promise<void> {
    if (timers.length === 0) return;
    await this.sla.addBulk(
      timers.map((t) => ({
        name: 'sla',
        data: { workspaceId: t.workspaceId, clockId: t.clockId, seq: t.seq, phase: t.phase },
        opts: { jobId: slaJobId(t.clockId, t.seq, t.phase), delay: Math.max(0, t.at.getTime() - now - WAIT_LEAD_MS), ...retry, ...retention },
      })),
    );
  }

  /** The reconciler's re-creation of a timer that may have been lost (like rescheduleWait). */
  async rescheduleSlaTimer(timer: ScheduledSlaTimerLike, now = Date.now()): Promise<'added' | 'exists'> {
    const existing = await this.sla.getJob(slaJobId(timer.clockId, timer.seq, timer.phase));
    if (existing) {
      const state = await existing.getState();
      if (state === 'delayed' && timer.at.getTime() <= now) {
        await existing.changeDelay(0);
        return 'exists';
      }
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return 'exists';
      await existing.remove().catch(() => {});
    }
    await this.scheduleSlaTimers([timer], now);
    return 'added';
  }

  async enqueueDelivery(workspaceId: string, messageId: string): Promise<void> {
    await this.deliveries.add(
      'delivery',
      { workspaceId, messageId },
      {
        jobId: deliveryJobId(messageId),
        attempts: 6,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: true,
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    );
  }

  async close(): Promise<void> {
    await Promise.all([...this.eventShards.map((q) => q.close()), this.waits.close(), this.deliveries.close(), this.sla.close()]);
  }
}
