import { findStalePendingDeliveries, type Database } from '@baton/db';
import type { QueueClient } from '@baton/queue';

/**
 * Re-enqueues deliveries still pending long after their reply: the web process may have
 * committed the reply and then failed to reach Redis. The job id is the message id, so a
 * delivery whose job is merely waiting for its next retry is not duplicated. A repair of a
 * lost hand-off (it commits nothing), so it calls the queue directly.
 */
export async function sweepPendingDeliveries(db: Database, queues: QueueClient, olderThanMs: number): Promise<number> {
  const stale = await findStalePendingDeliveries(db, olderThanMs);
  let added = 0;
  for (const d of stale) {
    const existing = await queues.deliveries.getJob(`delivery-${d.messageId}`);
    if (existing) continue;
    await queues.enqueueDelivery(d.workspaceId, d.messageId);
    added++;
  }
  return added;
}
