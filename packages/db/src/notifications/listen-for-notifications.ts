import pg from 'pg';

/** The channel the notification triggers (migration 0015) NOTIFY on, payload `workspace:user`. */
export const NOTIFICATION_CHANNEL = 'baton_notifications';

export function parseNotificationPayload(payload: string | undefined): { workspaceId: string; userId: string } | null {
  const [workspaceId, userId, ...rest] = (payload ?? '').split(':');
  return workspaceId && userId && rest.length === 0 ? { workspaceId, userId } : null;
}

export type NotificationListener = { ready: Promise<void>; close: () => Promise<void> };

/**
 * LISTENs for new notifications on a connection of its own (a pooled one would hand the
 * LISTEN to whoever borrows it next). Postgres delivers a NOTIFY only once its transaction
 * commits, whichever process wrote it (worker batch, web action, API). A dropped connection
 * is re-opened after `retryMs`; what was written meanwhile is picked up by clients
 * refetching when their stream reconnects.
 */
export function listenForNotifications(
  url: string,
  onNotification: (n: { workspaceId: string; userId: string }) => void,
  opts: { retryMs?: number } = {},
): NotificationListener {
  let closed = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((r) => (resolveReady = r));

  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ connectionString: url, application_name: 'baton-notifications' });
    client = c;
    const retry = () => {
      if (closed || client !== c) return;
      client = null;
      c.removeAllListeners();
      c.on('error', () => {});
      void c.end().catch(() => {});
      timer = setTimeout(() => void connect(), opts.retryMs ?? 2000);
    };
    c.on('error', retry);
    c.on('end', retry);
    c.on('notification', (msg) => {
      if (msg.channel !== NOTIFICATION_CHANNEL) return;
      const parsed = parseNotificationPayload(msg.payload);
      if (parsed) onNotification(parsed);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${NOTIFICATION_CHANNEL}`);
      resolveReady();
    } catch {
      retry();
    }
  };
  void connect();

  return {
    ready,
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners();
        c.on('error', () => {});
        await c.end().catch(() => {});
      }
    },
  };
}
