import { createHash } from 'node:crypto';
import { z } from 'zod';

// Ids only: no personal data (names, message text) ever sits in Redis.
/**
 * The one shape of an event job, whoever sends it (the API's group commit, a route, the
 * worker's own runs, the outbox relay): some events of one shard's workspaces, ids only.
 * Several per job, since each BullMQ job costs a few Lua calls to add, take and finish — one
 * job per workspace of a batch instead of per shard cost the 500/s routing p99 2-4x (bench/
 * notes.md, session 9). At most MAX_EVENTS_PER_JOB, so one job never puts a long run of
 * events into the worker's group commit at once; beyond that the group commit interleaves
 * workspaces (GroupCommitOptions.fairBy). Processing is idempotent per event, so a retried
 * job redoes nothing that committed.
 */
export const MAX_EVENTS_PER_JOB = 32;
const eventRefSchema = z.object({ workspaceId: z.uuid(), eventId: z.uuid() });
export const eventJobSchema = z.object({
  events: z.array(eventRefSchema).min(1).max(MAX_EVENTS_PER_JOB),
});
export type EventJob = z.infer<typeof eventJobSchema>;
export type EventRefLike = { workspaceId: string; eventId: string };

/** The events a job names, as the worker's group commit takes them (extra keys dropped). */
export function eventsOfJob(data: unknown): EventRefLike[] {
  return eventJobSchema
    .parse(data)
    .events.map(({ workspaceId, eventId }) => ({ workspaceId, eventId }));
}

// `http`: the run paused on an HTTP request step; the worker makes the call, then resumes it.
export const waitJobSchema = z.object({
  workspaceId: z.uuid(),
  runId: z.uuid(),
  waitSeq: z.number().int().positive(),
  http: z.literal(true).optional(),
  // The pools the run needs when it resumes (team:<uuid>, user:<uuid>, workspace): the resume
  // locks them with the conversation in one round trip. Ids and keys only, no personal data.
  pools: z.array(z.string().max(64)).max(32).optional(),
});
export type WaitJob = z.infer<typeof waitJobSchema>;

// An SLA clock's next timer: `seq` is the clock's timer generation (a retimed clock's old jobs are stale).
export const slaJobSchema = z.object({
  workspaceId: z.uuid(),
  clockId: z.uuid(),
  seq: z.number().int().positive(),
  phase: z.enum(['warning', 'breach']),
});
export type SlaJob = z.infer<typeof slaJobSchema>;

export const deliveryJobSchema = z.object({ workspaceId: z.uuid(), messageId: z.uuid() });
export type DeliveryJob = z.infer<typeof deliveryJobSchema>;

export const QUEUE_NAMES = {
  events: 'baton-events',
  waits: 'baton-waits',
  deliveries: 'baton-deliveries',
  sla: 'baton-sla',
} as const;

/** Job ids name what they are for, so a duplicate enqueue of the same thing is one job. */
export const eventJobId = (eventId: string) => `event-${eventId}`;
/**
 * An event job's id, from its events (and their workspaces): the same events sent twice (a
 * retried hand-off) are one job. One event keeps `eventJobId`, which the outbox relay looks up.
 */
export function eventsJobId(events: readonly EventRefLike[]): string {
  if (events.length === 1) return eventJobId(events[0]!.eventId);
  const digest = createHash('sha256');
  for (const key of events.map((e) => `${e.workspaceId}/${e.eventId}`).sort()) digest.update(key);
  return `events-${digest.digest('hex').slice(0, 32)}`;
}
export const waitJobId = (runId: string, waitSeq: number) => `wait-${runId}-${waitSeq}`;
export const slaJobId = (clockId: string, seq: number, phase: 'warning' | 'breach') =>
  `sla-${clockId}-${seq}-${phase}`;
export const deliveryJobId = (messageId: string) => `delivery-${messageId}`;
