import 'server-only';
import { createRedis, type RedisClient, parseRealtimeChannel, realtimeChannel, realtimeEventSchema, type RealtimeEvent } from '@baton/queue';

type Listener = (event: RealtimeEvent) => void;

/**
 * One Redis subscriber per web process, shared by all its SSE streams: a workspace's
 * channel is subscribed while at least one viewer of it is connected. Any process may
 * publish (web or worker), so this works with several web processes behind a balancer.
 */
class RealtimeHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly prefix = process.env.BATON_QUEUE_PREFIX ?? 'baton';
  private subscriber: RedisClient | null = null;

  private connection(): RedisClient {
    if (!this.subscriber) {
      const url = process.env.REDIS_URL;
      if (!url && !process.env.REDIS_CLUSTER_NODES) throw new Error('REDIS_URL is not set');
      const sub = createRedis(url, 'baton-web-realtime-sub');
      sub.on('message', (channel: string, message: string) => {
        const workspaceId = parseRealtimeChannel(this.prefix, channel);
        const set = workspaceId ? this.listeners.get(workspaceId) : undefined;
        if (!set) return;
        let event: RealtimeEvent;
        try {
          event = realtimeEventSchema.parse(JSON.parse(message));
        } catch {
          return;
        }
        for (const listener of set) listener(event);
      });
      this.subscriber = sub;
    }
    return this.subscriber;
  }

  private readonly subscribed = new Map<string, Promise<unknown>>();

  /** `ready` resolves once Redis confirms the subscription (or gave up), so nothing published after it is missed. */
  subscribe(workspaceId: string, listener: Listener): { ready: Promise<void>; unsubscribe: () => void } {
    let set = this.listeners.get(workspaceId);
    if (!set) {
      set = new Set();
      this.listeners.set(workspaceId, set);
      // ioredis re-subscribes by itself after a reconnect.
      this.subscribed.set(workspaceId, this.connection().subscribe(realtimeChannel(this.prefix, workspaceId)).catch(() => {}));
    }
    set.add(listener);
    const ready = Promise.race([this.subscribed.get(workspaceId), new Promise((r) => setTimeout(r, 2000))]).then(() => {});
    return { ready, unsubscribe: () => this.unsubscribe(workspaceId, listener) };
  }

  private unsubscribe(workspaceId: string, listener: Listener) {
    const current = this.listeners.get(workspaceId);
    if (!current) return;
    current.delete(listener);
    if (current.size === 0) {
      this.listeners.delete(workspaceId);
      this.subscribed.delete(workspaceId);
      void this.connection().unsubscribe(realtimeChannel(this.prefix, workspaceId)).catch(() => {});
    }
  }
}

const globalForHub = globalThis as unknown as { batonRealtimeHub?: RealtimeHub };

export function realtimeHub(): RealtimeHub {
  globalForHub.batonRealtimeHub ??= new RealtimeHub();
  return globalForHub.batonRealtimeHub;
}
