import type { QueueClient, ScheduledSlaTimerLike, ScheduledWaitLike } from './queue-client';
import type { RealtimePublisher } from './realtime/realtime-publisher';
import type { RealtimeEvent } from './realtime/realtime-events';

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
  /** Waits whose due time a person moved to now ("fire now"): their job is made due, or re-created. */
  firedWaits?: readonly ScheduledWaitLike[];
  /** Timers of runs a person cancelled: their jobs are removed (tidiness; a failure is ignored). */
  cancelledWaits?: ReadonlyArray<{ runId: string; waitSeq: number }>;
  /** What the inboxes watching the workspace must hear (published once the queues have the rest). */
  notices?: readonly RealtimeEvent[];
};

/** Where the hand-off puts the work: the queues, and the realtime channel (none in a test or without Redis pub/sub). */
export type HandOffTargets = { queues: QueueClient; publisher?: RealtimePublisher | null };

/**
 * Called once the queues have the work and the notices are out, per workspace with runs (the
 * worker's queue re-check). Hints only — a failure is swallowed (the queue sweep re-checks).
 */
export type RunsCommittedListener = (workspaceId: string, runs: readonly CommittedRunLike[]) => Promise<void>;

/**
 * The one post-commit hand-off, used by the web and the worker: timers, events and
 * deliveries the committed transactions decided go to Redis together (one round trip for
 * all waits, one per event shard, one per delivery), then the realtime notices are published
 * (one pipeline for all workspaces) and the listeners hear of the runs.
 *
 * Redis failing here loses nothing: Postgres already holds every effect, and the outbox
 * relay, the wait and SLA reconcilers and the delivery sweep re-create what is missing. The
 * promise rejects so a job that called it is retried (a no-op in the database). Notices are
 * published even then (the inboxes refetch from Postgres, which has committed); they are
 * hints, so their own failure is swallowed (RealtimePublisher), like a listener's.
 */
export async function handOff(
  { queues, publisher }: HandOffTargets,
  work: readonly AfterCommitWork[],
  listeners: readonly RunsCommittedListener[] = [],
): Promise<void> {
  type Entry = {
    runs: CommittedRunLike[];
    events: string[];
    slaTimers: ScheduledSlaTimerLike[];
    waits: ScheduledWaitLike[];
    firedWaits: ScheduledWaitLike[];
    cancelledWaits: Array<{ runId: string; waitSeq: number }>;
    deliveries: string[];
    notices: RealtimeEvent[];
  };
  const byWorkspace = new Map<string, Entry>();
  for (const w of work) {
    const entry = byWorkspace.get(w.workspaceId) ?? { runs: [], events: [], slaTimers: [], waits: [], firedWaits: [], cancelledWaits: [], deliveries: [], notices: [] };
    entry.runs.push(...(w.runs ?? []));
    entry.events.push(...(w.events ?? []), ...(w.runs ?? []).flatMap((r) => r.outboxEventIds));
    entry.slaTimers.push(...(w.slaTimers ?? []));
    entry.waits.push(...(w.waits ?? []), ...(w.runs ?? []).flatMap((r) => (r.wait ? [r.wait] : [])));
    entry.firedWaits.push(...(w.firedWaits ?? []));
    entry.cancelledWaits.push(...(w.cancelledWaits ?? []));
    entry.deliveries.push(...(w.deliveries ?? []), ...(w.runs ?? []).flatMap((r) => r.deliveryMessageIds));
    entry.notices.push(...(w.notices ?? []));
    byWorkspace.set(w.workspaceId, entry);
  }
  const all = [...byWorkspace.values()];
  try {
    await Promise.all([
      queues.scheduleWaits(all.flatMap((e) => e.waits)),
      queues.scheduleSlaTimers(all.flatMap((e) => e.slaTimers)),
      // Jobs of one workspace's events, ids derived from them: a second hand-off adds nothing.
      // One round trip per shard for every workspace of the batch.
      queues.enqueueEventsOf([...byWorkspace].map(([workspaceId, e]) => ({ workspaceId, eventIds: e.events }))),
      // Delivered like agents' replies (job id = message id; the delivery sweep re-enqueues any
      // whose job was lost between commit and here).
      ...[...byWorkspace].flatMap(([workspaceId, e]) => e.deliveries.map((messageId) => queues.enqueueDelivery(workspaceId, messageId))),
      // A fired wait's job is delayed until its old due time: made due now (or re-created).
      ...all.flatMap((e) => e.firedWaits.map((w) => queues.rescheduleWait(w))),
      // The worker would find the run cancelled anyway: removing the job is only tidiness.
      ...all.flatMap((e) => e.cancelledWaits.map((w) => queues.cancelWait(w.runId, w.waitSeq).catch(() => {}))),
    ]);
  } finally {
    if (publisher) await publisher.publishAll([...byWorkspace].map(([workspaceId, e]) => ({ workspaceId, events: uniqueNotices(e.notices) })));
  }
  for (const [workspaceId, e] of byWorkspace)
    if (e.runs.length) await Promise.all(listeners.map((l) => l(workspaceId, e.runs).catch(() => {})));
}

/** One notice per conversation and change (a batch of replies to one conversation is one refetch). */
function uniqueNotices(notices: readonly RealtimeEvent[]): RealtimeEvent[] {
  return [...new Map(notices.map((n) => [JSON.stringify(n), n])).values()];
}

/**
 * Starts the hand-off without waiting for it, so a group commit's next batch can begin;
 * each caller of the batch awaits the returned promise (a failure fails and retries them).
 */
export function handOffInBackground(
  to: HandOffTargets,
  work: readonly AfterCommitWork[],
  listeners: readonly RunsCommittedListener[] = [],
): Promise<void> {
  const handed = handOff(to, work, listeners);
  handed.catch(() => {}); // observed by the callers; this only keeps it from being "unhandled"
  return handed;
}
