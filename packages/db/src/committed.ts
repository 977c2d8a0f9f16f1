import type { ScheduledWait } from './runs/run-types';

/** What changed in a conversation, so inboxes know what to refetch (never the content). */
export type ConversationChange = 'message' | 'comment' | 'assignment' | 'status' | 'delivery' | 'opened' | 'sla';

/**
 * A realtime notice for the inboxes watching a workspace: ids only, like the job payloads
 * (the shape of packages/queue's `RealtimeEvent`, which the hand-off publishes).
 */
export type RealtimeNotice =
  | { type: 'conversation.changed'; conversationId: string; change: ConversationChange }
  | { type: 'member.availability'; userId: string };

/**
 * What a mutating data function leaves for after its commit (STYLE P15): outbox events for
 * the worker, waits to schedule (or to make due now, or to drop), outgoing messages to
 * deliver, and realtime notices for the inboxes. Returned beside the function's result as
 * `afterCommit`, in the shape `handOff` (packages/queue) takes; the web reads such a result
 * only through `Committing.handedOver()` (apps/web/src/server/after-commit/), so an adapter
 * that forgets the hand-off does not compile instead of stalling until the outbox relay or
 * a reconciler notices (seconds later), and a notice is published only once the transaction
 * has committed (a rolled-back one returns no receipt, so it announces nothing).
 */
export type AfterCommit = {
  workspaceId: string;
  events: readonly string[];
  waits: readonly ScheduledWait[];
  /** Waits already scheduled whose due time moved to now ("fire now"): the job is made due, or re-created if lost. */
  firedWaits: readonly ScheduledWait[];
  /** Timers of runs that ended by hand (cancel): their jobs are removed. Tidiness only — the worker would find the run ended. */
  cancelledWaits: ReadonlyArray<{ runId: string; waitSeq: number }>;
  deliveries: readonly string[];
  notices: readonly RealtimeNotice[];
};

export type WithAfterCommit<R> = R & { afterCommit: AfterCommit };

export function afterCommit(workspaceId: string, work: Partial<Omit<AfterCommit, 'workspaceId'>> = {}): AfterCommit {
  return {
    workspaceId,
    events: work.events ?? [],
    waits: work.waits ?? [],
    firedWaits: work.firedWaits ?? [],
    cancelledWaits: work.cancelledWaits ?? [],
    deliveries: work.deliveries ?? [],
    notices: work.notices ?? [],
  };
}

/** Notices that these conversations changed (one per conversation). */
export function conversationsChanged(conversationIds: readonly string[], change: ConversationChange): RealtimeNotice[] {
  return [...new Set(conversationIds)].map((conversationId) => ({ type: 'conversation.changed', conversationId, change }));
}
