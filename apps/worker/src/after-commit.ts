import type { AdvanceResult } from '@baton/db';
import type { QueueClient } from '@baton/queue';

/** Hands what a committed transaction decided to the queues: timers and new events. */
export async function scheduleAfterCommit(
  queues: QueueClient,
  workspaceId: string,
  results: readonly AdvanceResult[],
): Promise<void> {
  const waits = results.flatMap((r) => (r.wait ? [r.wait] : []));
  const events = results.flatMap((r) => r.outboxEventIds);
  await Promise.all([queues.scheduleWaits(waits), queues.enqueueEvents(workspaceId, events)]);
}
