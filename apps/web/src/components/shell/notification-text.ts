/** A notification as the bell receives it from GET /api/notifications. */
export type BellNotification = {
  id: string;
  kind: 'assigned' | 'unassigned' | 'mentioned' | 'queue_waiting';
  conversationId: string;
  contactName: string | null;
  actorName: string | null;
  text: string | null;
  createdAt: string;
  readAt: string | null;
};

export const DESKTOP_SETTING_KEY = 'baton.desktopNotifications';
export const PERMISSION_ASKED_KEY = 'baton.notificationPermissionAsked';

/** The one line shown in the bell and as a browser notification's title. */
export function notificationTitle(n: Pick<BellNotification, 'kind' | 'contactName' | 'actorName'>): string {
  const who = n.contactName ?? 'a conversation';
  switch (n.kind) {
    case 'assigned':
      return `Assigned to you: ${who}`;
    case 'unassigned':
      return `Taken from you: ${who}`;
    case 'mentioned':
      return `${n.actorName ?? 'A workflow'} mentioned you: ${who}`;
    case 'queue_waiting':
      // For leads: a queued conversation waited longer than the workspace allows.
      return `Waiting in the queue too long: ${who}`;
  }
}
