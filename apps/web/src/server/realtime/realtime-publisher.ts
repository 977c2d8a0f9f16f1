import 'server-only';
import { RealtimePublisher, createRedis, type RealtimeEvent } from '@baton/queue';

const globalForRealtime = globalThis as unknown as { batonRealtimePublisher?: RealtimePublisher };

function publisher(): RealtimePublisher | null {
  if (!globalForRealtime.batonRealtimePublisher) {
    const url = process.env.REDIS_URL;
    if (!url && !process.env.REDIS_CLUSTER_NODES) return null;
    globalForRealtime.batonRealtimePublisher = new RealtimePublisher(createRedis(url, 'baton-web-realtime-pub'), process.env.BATON_QUEUE_PREFIX ?? 'baton');
  }
  return globalForRealtime.batonRealtimePublisher;
}

type Change = Extract<RealtimeEvent, { type: 'conversation.changed' }>['change'];

/** After a commit: tell every web process's inbox viewers that these conversations changed. */
export async function announceConversations(workspaceId: string, conversationIds: readonly string[], change: Change): Promise<void> {
  await publisher()?.conversationChanged(workspaceId, conversationIds, change);
}

export async function announceAvailability(workspaceId: string, userId: string): Promise<void> {
  await publisher()?.publish(workspaceId, [{ type: 'member.availability', userId }]);
}
