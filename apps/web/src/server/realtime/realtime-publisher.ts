import 'server-only';
import { RealtimePublisher, createRedis } from '@baton/queue';

const globalForRealtime = globalThis as unknown as { batonRealtimePublisher?: RealtimePublisher };

/**
 * The web's publisher of realtime notices. Only the hand-off uses it (server/api/queue.ts):
 * a notice is part of a data function's after-commit receipt (`notices`), so it is published
 * after the commit, and a route cannot forget it or announce a change that rolled back.
 */
export function realtimePublisher(): RealtimePublisher | null {
  if (!globalForRealtime.batonRealtimePublisher) {
    const url = process.env.REDIS_URL;
    if (!url && !process.env.REDIS_CLUSTER_NODES) return null;
    globalForRealtime.batonRealtimePublisher = new RealtimePublisher(createRedis(url, 'baton-web-realtime-pub'), process.env.BATON_QUEUE_PREFIX ?? 'baton');
  }
  return globalForRealtime.batonRealtimePublisher;
}
