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

/** Hands what a committed transaction decided to the queues: timers and new events. */
export async function scheduleAfterCommit(
  queues: QueueClient,
  workspaceId: string,
  results: readonly AdvanceResult[],
): Promise<void> {
  const waits = results.flatMap((r) => (r.wait ? [r.wait] : []));
  const events = results.flatMap((r) => r.outboxEventIds);
  await Promise.all([queues.scheduleWaits(waits), queues.enqueueEvents(workspaceId, events)]);
  // Notifications are hints: one failing must not retry a job whose work is done.
  if (results.length > 0) await Promise.all([...listeners].map((l) => l(workspaceId, results).catch(() => {})));
}
