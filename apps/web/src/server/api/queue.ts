import 'server-only';
import { QueueClient, createRedis } from '@baton/queue';

const globalForQueue = globalThis as unknown as { batonQueue?: QueueClient };

export function getQueue(): QueueClient {
  if (!globalForQueue.batonQueue) {
    const url = process.env.REDIS_URL;
    if (!url && !process.env.REDIS_CLUSTER_NODES) throw new Error('REDIS_URL is not set');
    globalForQueue.batonQueue = new QueueClient(createRedis(url, 'baton-web'), process.env.BATON_QUEUE_PREFIX ?? 'baton');
  }
  return globalForQueue.batonQueue;
}

/**
 * After a commit, hand the outbox events to the worker right away. If Redis is down the
 * events are already in Postgres and the worker's outbox relay picks them up.
 */
export async function dispatchEvents(workspaceId: string, eventIds: readonly string[]): Promise<void> {
  if (eventIds.length === 0) return;
  try {
    await getQueue().enqueueEvents(workspaceId, eventIds);
  } catch (error) {
    console.warn('[queue] enqueue failed; the outbox relay will retry', (error as Error).message);
  }
}

/** The events of one group-committed batch: one job per shard (see enqueueEventBatch). */
export async function dispatchEventBatch(events: ReadonlyArray<{ workspaceId: string; eventId: string }>): Promise<void> {
  if (events.length === 0) return;
  try {
    await getQueue().enqueueEventBatch(events);
  } catch (error) {
    console.warn('[queue] enqueue failed; the outbox relay will retry', (error as Error).message);
  }
}

export async function dispatchDelivery(workspaceId: string, messageId: string): Promise<void> {
  try {
    await getQueue().enqueueDelivery(workspaceId, messageId);
  } catch (error) {
    console.warn('[queue] delivery enqueue failed; the delivery sweep will retry', (error as Error).message);
  }
}
