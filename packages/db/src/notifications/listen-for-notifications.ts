import { listenChannel } from '../system/listen-channel';

/** The channel the notification triggers (migration 0015) NOTIFY on, payload `workspace:user`. */
export const NOTIFICATION_CHANNEL = 'baton_notifications';

export function parseNotificationPayload(payload: string | undefined): { workspaceId: string; userId: string } | null {
  const [workspaceId, userId, ...rest] = (payload ?? '').split(':');
  return workspaceId && userId && rest.length === 0 ? { workspaceId, userId } : null;
}

export type NotificationListener = { ready: Promise<void>; close: () => Promise<void> };

/**
 * LISTENs for new notifications (each web process, for its SSE streams). What was written while
 * the connection was down is picked up by clients refetching when their stream reconnects.
 */
export function listenForNotifications(url: string, onNotification: (n: { workspaceId: string; userId: string }) => void): NotificationListener {
  const listener = listenChannel(url, {
    channel: NOTIFICATION_CHANNEL,
    applicationName: 'baton-notifications',
    onNotification: (payload) => {
      const parsed = parseNotificationPayload(payload);
      if (parsed) onNotification(parsed);
    },
  });
  return { ready: listener.ready, close: listener.stop };
}
