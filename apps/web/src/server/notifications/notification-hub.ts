import 'server-only';
import { listenForNotifications, type NotificationListener } from '@baton/db';

type Listener = () => void;

/**
 * One Postgres LISTEN per web process, shared by its SSE streams: the notification triggers
 * NOTIFY `workspace:user` on commit, and only that user's streams in that workspace hear it.
 * Every web process listens, so this works behind a balancer like the Redis hub does.
 */
class NotificationHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private listener: NotificationListener | null = null;

  private start(): NotificationListener {
    if (!this.listener) {
      const url = process.env.DATABASE_URL;
      if (!url) throw new Error('DATABASE_URL is not set');
      this.listener = listenForNotifications(url, ({ workspaceId, userId }) => {
        for (const l of this.listeners.get(`${workspaceId}:${userId}`) ?? []) l();
      });
    }
    return this.listener;
  }

  /** `ready` resolves once the LISTEN is in place (or after 2 s), so nothing committed after it is missed. */
  subscribe(workspaceId: string, userId: string, listener: Listener): { ready: Promise<void>; unsubscribe: () => void } {
    const key = `${workspaceId}:${userId}`;
    let set = this.listeners.get(key);
    if (!set) {
      set = new Set();
      this.listeners.set(key, set);
    }
    set.add(listener);
    const ready = Promise.race([this.start().ready, new Promise<void>((r) => setTimeout(r, 2000))]);
    return {
      ready,
      unsubscribe: () => {
        const current = this.listeners.get(key);
        current?.delete(listener);
        if (current?.size === 0) this.listeners.delete(key);
      },
    };
  }
}

const globalForHub = globalThis as unknown as { batonNotificationHub?: NotificationHub };

export function notificationHub(): NotificationHub {
  globalForHub.batonNotificationHub ??= new NotificationHub();
  return globalForHub.batonNotificationHub;
}
