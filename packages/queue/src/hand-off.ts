import type { QueueClient, ScheduledSlaTimerLike, ScheduledWaitLike } from './queue-client';

/** What a committed run left for the queues (the data layer's AdvanceResult has this shape). */
export type CommittedRunLike = {
  conversationId: string;
  wait: ScheduledWaitLike | null;
  /** Outbox events the run wrote (e.g. conversation.closed), for workflows listening to them. */
  outboxEventIds: readonly string[];
  /** Automated messages to deliver (send-message steps). */
  deliveryMessageIds: readonly string[];
  /** The pool of the assignment queue the run just joined. */
  queued?: string;
};

/** Everything one workspace's committed transaction(s) must have happen next. */
export type AfterCommitWork = {
  workspaceId: string;
  runs?: readonly CommittedRunLike[];
  /** Outbox events written outside runs (an SLA firing's event, say). */
  events?: readonly string[];
  slaTimers?: readonly ScheduledSlaTimerLike[];
  /** Waits decided outside a run's batch (a retried run's wait due now). */
  waits?: readonly ScheduledWaitLike[];
  /** Outgoing messages written outside runs (an agent's reply): job id = message id. */
  deliveries?: readonly string[];
};

/**
 * Called once the queues have the work, per workspace with runs: realtime notices, queue
 * re-checks. Hints only — a failure is swallowed (the inbox polls, the queue sweep re-checks).
 */
export type RunsCommittedListener = (workspaceId: string, runs: readonly CommittedRunLike[]) => Promise<void>;

/**
 * The one post-commit hand-off, used by the web and the worker: timers, events and
 * deliveries the committed transactions decided go to Redis together (one round trip for
 * all waits, one per event shard, one per delivery), then the listeners hear of the runs.
 *
 * Redis failing here loses nothing: Postgres already holds every effect, and the outbox
 * relay, the wait and SLA reconcilers and the delivery sweep re-create what is missing. The
 * promise rejects so a job that called it is retried (a no-op in the database).
 */
export async function handOff(
  queues: QueueClient,
  work: readonly AfterCommitWork[],
  listeners: readonly RunsCommittedListener[] = [],
): Promise<void> {
  type Entry = { runs: CommittedRunLike[]; events: string[]; slaTimers: ScheduledSlaTimerLike[]; waits: ScheduledWaitLike[]; deliveries: string[] };
  const byWorkspace = new Map<string, Entry>();
  for (const w of work) {
    const entry = byWorkspace.get(w.workspaceId) ?? { runs: [], events: [], slaTimers: [], waits: [], deliveries: [] };
    entry.runs.push(...(w.runs ?? []));
    entry.events.push(...(w.events ?? []), ...(w.runs ?? []).flatMap((r) => r.outboxEventIds));
    entry.slaTimers.push(...(w.slaTimers ?? []));
    entry.waits.push(...(w.waits ?? []), ...(w.runs ?? []).flatMap((r) => (r.wait ? [r.wait] : [])));
    entry.deliveries.push(...(w.deliveries ?? []), ...(w.runs ?? []).flatMap((r) => r.deliveryMessageIds));
    byWorkspace.set(w.workspaceId, entry);
  }
  const all = [...byWorkspace.values()];
  await Promise.all([
    queues.scheduleWaits(all.flatMap((e) => e.waits)),
    queues.scheduleSlaTimers(all.flatMap((e) => e.slaTimers)),
    // Jobs of one workspace's events, ids derived from them: a second hand-off adds nothing.
    // One round trip per shard for every workspace of the batch.
    queues.enqueueEventsOf([...byWorkspace].map(([workspaceId, e]) => ({ workspaceId, eventIds: e.events }))),
    // Delivered like agents' replies (job id = message id; the delivery sweep re-enqueues any
    // whose job was lost between commit and here).
    ...[...byWorkspace].flatMap(([workspaceId, e]) => e.deliveries.map((messageId) => queues.enqueueDelivery(workspaceId, messageId))),
  ]);
  for (const [workspaceId, e] of byWorkspace)
    if (e.runs.length) await Promise.all(listeners.map((l) => l(workspaceId, e.runs).catch(() => {})));
}

/**
 * Starts the hand-off without waiting for it, so a group commit's next batch can begin;
 * each caller of the batch awaits the returned promise (a failure fails and retries them).
 */
export function handOffInBackground(
  queues: QueueClient,
  work: readonly AfterCommitWork[],
  listeners: readonly RunsCommittedListener[] = [],
): Promise<void> {
  const handed = handOff(queues, work, listeners);
  handed.catch(() => {}); // observed by the callers; this only keeps it from being "unhandled"
  return handed;
}
