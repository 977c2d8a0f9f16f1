import type { ScheduledWait } from './runs/run-types';

/**
 * What a mutating data function leaves for after its commit (STYLE P15): outbox events for
 * the worker, waits to schedule, outgoing messages to deliver. Returned beside the function's
 * result as `afterCommit`, in the shape `handOff` (packages/queue) takes; the web reads such
 * a result only through `Committing.handedOver()` (apps/web/src/server/after-commit/), so
 * an adapter that forgets the hand-off does not compile instead of stalling until the
 * outbox relay or a reconciler notices (seconds later).
 */
export type AfterCommit = {
  workspaceId: string;
  events: readonly string[];
  waits: readonly ScheduledWait[];
  deliveries: readonly string[];
};

export type WithAfterCommit<R> = R & { afterCommit: AfterCommit };

export function afterCommit(workspaceId: string, work: Partial<Omit<AfterCommit, 'workspaceId'>> = {}): AfterCommit {
  return { workspaceId, events: work.events ?? [], waits: work.waits ?? [], deliveries: work.deliveries ?? [] };
}
