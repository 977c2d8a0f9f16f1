import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from './redis-connection';
import { QueueClient, WAIT_LEAD_MS } from './queue-client';
import { MAX_EVENTS_PER_JOB, deliveryJobId, eventsJobId, slaJobId, waitJobId } from './job-payloads';
import { handOff, type CommittedRunLike } from './hand-off';
import { RealtimePublisher } from './realtime/realtime-publisher';
import { realtimeChannel } from './realtime/realtime-events';

// Real Redis (the int suite's own database index); a prefix of this file's own.
const redis = createRedis(process.env.REDIS_URL!, 'hand-off-test');
const queues = new QueueClient(redis, `handoff-${randomUUID().slice(0, 8)}`);
afterAll(async () => {
  await queues.close();
  redis.disconnect();
});

const ws = randomUUID();
const inAnHour = new Date(Date.now() + 3_600_000);

describe('handOff: what committed transactions decided, to Redis', () => {
  it('schedules waits, SLA timers, events and deliveries under their deterministic ids; a second hand-off adds nothing', async () => {
    const run: CommittedRunLike = {
      conversationId: randomUUID(),
      wait: { workspaceId: ws, runId: randomUUID(), waitSeq: 1, wakeAt: inAnHour },
      outboxEventIds: [randomUUID()],
      deliveryMessageIds: [randomUUID()],
      queued: 'team:x',
    };
    const retried = { workspaceId: ws, runId: randomUUID(), waitSeq: 3, wakeAt: new Date() };
    const sla = { workspaceId: ws, clockId: randomUUID(), seq: 1, phase: 'warning' as const, at: inAnHour };
    const event = randomUUID();
    const reply = randomUUID();
    const heard: Array<{ workspaceId: string; conversations: string[] }> = [];
    const work = [
      { workspaceId: ws, runs: [run], events: [event], slaTimers: [sla] },
      { workspaceId: ws, waits: [retried], deliveries: [reply] },
    ];
    const listener = async (workspaceId: string, runs: readonly CommittedRunLike[]) => {
      heard.push({ workspaceId, conversations: runs.map((r) => r.conversationId) });
    };
    await handOff({ queues }, work, [listener]);
    await handOff({ queues }, work, [listener]);

    const wait = await queues.waits.getJob(waitJobId(run.wait!.runId, 1));
    expect(wait?.data).toEqual({ workspaceId: ws, runId: run.wait!.runId, waitSeq: 1 });
    // Delayed to WAIT_LEAD_MS before the due time (the worker sleeps the rest).
    expect(wait!.timestamp + wait!.opts.delay!).toBeGreaterThan(inAnHour.getTime() - WAIT_LEAD_MS - 2_000);
    expect(await queues.waits.getJob(waitJobId(retried.runId, 3))).toBeTruthy();
    expect(await queues.sla.getJob(slaJobId(sla.clockId, 1, 'warning'))).toBeTruthy();
    // The events in one job, under an id derived from them.
    const refs = [event, run.outboxEventIds[0]!].map((eventId) => ({ workspaceId: ws, eventId }));
    const events = await queues.eventQueueFor(ws).getJob(eventsJobId(refs));
    expect(events?.data).toEqual({ events: refs });
    for (const id of [reply, run.deliveryMessageIds[0]!]) expect(await queues.deliveries.getJob(deliveryJobId(id))).toBeTruthy();
    // Twice handed off, once in Redis.
    expect(await queues.waits.getJobCounts('delayed', 'wait')).toMatchObject({ delayed: 1 });
    expect((await queues.eventQueueFor(ws).getJobs(['wait', 'delayed', 'prioritized'])).length).toBe(1);
    // Listeners hear of runs only, once per hand-off and workspace.
    expect(heard).toEqual([
      { workspaceId: ws, conversations: [run.conversationId] },
      { workspaceId: ws, conversations: [run.conversationId] },
    ]);
  });

  it('events of several workspaces: one job shape, per shard, at most MAX_EVENTS_PER_JOB each; sent twice, queued once', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const many = Array.from({ length: MAX_EVENTS_PER_JOB + 5 }, () => randomUUID());
    const one = randomUUID();
    const work = [{ workspaceId: a, events: many }, { workspaceId: b, events: [one] }];
    await handOff({ queues }, work);
    await handOff({ queues }, work);
    // Every job of the shards these workspaces live on that names them.
    const queued = async () => {
      const jobs = [...(await queues.eventQueueFor(a).getJobs(['wait', 'delayed', 'prioritized'])), ...(await queues.eventQueueFor(b).getJobs(['wait', 'delayed', 'prioritized']))];
      return [...new Map(jobs.map((j) => [j.id, j])).values()].filter((j) => j.data.events.some((e) => e.workspaceId === a || e.workspaceId === b));
    };
    const jobs = await queued();
    const named = jobs.flatMap((j) => j.data.events);
    // Each event in exactly one job, though handed off twice; no job over the bound.
    expect(named.map((e) => e.eventId).sort()).toEqual([...many, one].sort());
    for (const j of jobs) {
      expect(j.data.events.length).toBeLessThanOrEqual(MAX_EVENTS_PER_JOB);
      expect(j.id).toBe(eventsJobId(j.data.events));
    }
    // Workspaces on one shard share jobs: never one job per workspace more than the shards need.
    const shards = new Set([queues.eventQueueFor(a).name, queues.eventQueueFor(b).name]).size;
    expect(jobs.length).toBe(shards === 1 ? Math.ceil((many.length + 1) / MAX_EVENTS_PER_JOB) : Math.ceil(many.length / MAX_EVENTS_PER_JOB) + 1);
  });

  it('the outbox relay re-sends an event alone even while a job of several still carries it (the worker claims it once)', async () => {
    const [e1, e2] = [randomUUID(), randomUUID()];
    await handOff({ queues }, [{ workspaceId: ws, events: [e1, e2] }]);
    await queues.requeueEvents(ws, [e1]);
    await queues.requeueEvents(ws, [e1]);
    const queue = queues.eventQueueFor(ws);
    const refs = [e1, e2].map((eventId) => ({ workspaceId: ws, eventId }));
    expect((await queue.getJob(eventsJobId(refs)))?.data.events).toEqual(refs);
    expect((await queue.getJob(eventsJobId([refs[0]!])))?.data).toEqual({ events: [refs[0]] });
  });

  it('a listener that fails does not fail the hand-off (realtime notices are hints)', async () => {
    const run: CommittedRunLike = { conversationId: randomUUID(), wait: null, outboxEventIds: [], deliveryMessageIds: [] };
    await expect(handOff({ queues }, [{ workspaceId: ws, runs: [run] }], [() => Promise.reject(new Error('pub/sub down'))])).resolves.toBeUndefined();
  });

  it('publishes the receipts\' notices once the queues have the jobs: one per conversation and change, on each workspace\'s channel', async () => {
    const prefix = `handoff-rt-${randomUUID().slice(0, 8)}`;
    const subscriber = createRedis(process.env.REDIS_URL!, 'hand-off-subscriber');
    const heard: Array<{ channel: string; event: unknown; jobThere: boolean }> = [];
    const [a, b] = [randomUUID(), randomUUID()];
    const conversation = randomUUID();
    const reply = randomUUID();
    const pending: Promise<void>[] = [];
    subscriber.on('message', (channel: string, text: string) => {
      // Checked as each notice arrives: the delivery job the same receipt carried is already queued.
      pending.push(queues.deliveries.getJob(deliveryJobId(reply)).then((job) => void heard.push({ channel, event: JSON.parse(text), jobThere: Boolean(job) })));
    });
    await subscriber.subscribe(realtimeChannel(prefix, a), realtimeChannel(prefix, b));
    const publisher = new RealtimePublisher(redis, prefix);
    const changed = { type: 'conversation.changed' as const, conversationId: conversation, change: 'message' as const };
    await handOff({ queues, publisher }, [
      { workspaceId: a, deliveries: [reply], notices: [changed] },
      { workspaceId: a, notices: [changed] },
      { workspaceId: b, notices: [{ type: 'member.availability', userId: conversation }] },
    ]);
    // Without a publisher (a test's hand-off, no pub/sub) the notices are dropped, not an error.
    await handOff({ queues }, [{ workspaceId: a, notices: [changed] }]);
    for (let i = 0; i < 100 && heard.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    await Promise.all(pending);
    subscriber.disconnect();
    expect(heard.sort((x, y) => x.channel.localeCompare(y.channel))).toEqual(
      [
        { channel: realtimeChannel(prefix, a), event: changed, jobThere: true },
        { channel: realtimeChannel(prefix, b), event: { type: 'member.availability', userId: conversation }, jobThere: true },
      ].sort((x, y) => x.channel.localeCompare(y.channel)),
    );
  });
});
