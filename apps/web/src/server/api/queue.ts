import 'server-only';
import { QueueClient, createRedis, handOff, type AfterCommitWork } from '@baton/queue';
import { realtimePublisher } from '@/server/realtime/realtime-publisher';

const globalForQueue = globalThis as unknown as { batonQueue?: QueueClient };

function getQueue(): QueueClient {
  if (!globalForQueue.batonQueue) {
    const url = process.env.REDIS_URL;
    if (!url && !process.env.REDIS_CLUSTER_NODES) throw new Error('REDIS_URL is not set');
    globalForQueue.batonQueue = new QueueClient(createRedis(url, 'baton-web'), process.env.BATON_QUEUE_PREFIX ?? 'baton');
  }
  return globalForQueue.batonQueue;
}

/**
 * The web's side of the one post-commit hand-off (`handOff`, packages/queue, which the worker
 * uses too): what a committed transaction decided goes to Redis — jobs, then the realtime
 * notices. If Redis is down nothing is lost — Postgres holds it, and the outbox relay, the
 * timer reconcilers and the delivery sweep re-create what is missing; an inbox that missed a
 * notice refreshes on its next poll — so a failure here never fails the request.
 */
export async function handOffAfterCommit(work: readonly AfterCommitWork[]): Promise<void> {
  try {
    await handOff({ queues: getQueue(), publisher: realtimePublisher() }, work);
  } catch (error) {
    console.warn('[queue] hand-off failed; the relay, reconcilers and sweeps will re-create it', (error as Error).message);
  }
}
