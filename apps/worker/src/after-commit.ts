import type { AdvanceResult } from '@baton/db';
import type { QueueClient } from '@baton/queue';

type CommitListener = (workspaceId: string, results: readonly AdvanceResult[]) => Promise<void>;
const listeners = new Set<CommitListener>();

/**
 * Things to do once runs have committed, besides scheduling (the worker registers its
 * realtime publisher here). Returns the unregister function.
 */
export function onRunsCommitted(listener: CommitListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Hands what committed transactions decided to the queues — timers (all in one Redis round
 * trip) and new outbox events — then tells the listeners.
 */
export async function scheduleBatchAfterCommit(
  queues: QueueClient,
  batch: ReadonlyArray<{ workspaceId: string; results: readonly AdvanceResult[] }>,
): Promise<void> {
  const byWorkspace = new Map<string, AdvanceResult[]>();
  for (const { workspaceId, results } of batch)
    if (results.length) byWorkspace.set(workspaceId, [...(byWorkspace.get(workspaceId) ?? []), ...results]);
  const all = [...byWorkspace.values()].flat();
  const waits = all.flatMap((r) => (r.wait ? [r.wait] : []));
  await Promise.all([
    queues.scheduleWaits(waits),
    ...[...byWorkspace].map(([workspaceId, results]) => queues.enqueueEvents(workspaceId, results.flatMap((r) => r.outboxEventIds))),
    // Send-message steps: delivered like agents' replies (job id = message id; the delivery
    // sweep re-enqueues any whose job was lost between commit and here).
    ...[...byWorkspace].flatMap(([workspaceId, results]) =>
      results.flatMap((r) => r.deliveryMessageIds).map((messageId) => queues.enqueueDelivery(workspaceId, messageId)),
    ),
  ]);
  // Notifications are hints: one failing must not retry a job whose work is done.
  for (const [workspaceId, results] of byWorkspace)
    await Promise.all([...listeners].map((l) => l(workspaceId, results).catch(() => {})));
}

/**
 * Starts the hand-off without waiting for it, so a group commit's next batch can begin;
 * each job of the batch awaits the returned promise (a failure fails and retries them).
 */
export function handOffInBackground(
  queues: QueueClient,
  batch: ReadonlyArray<{ workspaceId: string; results: readonly AdvanceResult[] }>,
): Promise<void> {
  const handed = scheduleBatchAfterCommit(queues, batch);
  handed.catch(() => {}); // observed by the jobs; this only keeps it from being "unhandled"
  return handed;
}
