import { listenChannel } from './listen-channel';
import { queueWakeReasons, type QueueWake } from '../runs/queue/drain-queues';

export const QUEUE_WAKE_CHANNEL = 'baton_queue_wake';

/**
 * "<workspace>:<user>:<why>" as the triggers of migration 0020 send it ("*" for the user:
 * anyone, e.g. a raised capacity setting, migration 0023), optionally ":<pool>" (only that
 * queue: a run that just queued, notifyQueuedRuns); anything else is ignored.
 */
export function parseQueueWake(payload: string | undefined): QueueWake | null {
  const [workspaceId, userId, reason, ...poolParts] = (payload ?? '').split(':');
  const pool = poolParts.join(':');
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (!workspaceId || !uuid.test(workspaceId) || !userId || (userId !== '*' && !uuid.test(userId))) return null;
  if (!(queueWakeReasons as readonly string[]).includes(reason ?? '')) return null;
  return { workspaceId, userId: userId === '*' ? null : userId, reason: reason as QueueWake['reason'], ...(pool ? { pool } : {}) };
}

/**
 * LISTENs for queue wake-ups (NOTIFY from the triggers, delivered on commit); each
 * (re)connection first calls `onConnected`, the caller's catch-up over every queue.
 */
export function listenQueueWakes(
  url: string,
  handlers: { onWake: (wake: QueueWake) => void; onConnected: () => void; log?: (msg: string) => void },
): { stop: () => Promise<void> } {
  return listenChannel(url, {
    channel: QUEUE_WAKE_CHANNEL,
    applicationName: 'baton-queue-wakes',
    onNotification: (payload) => {
      const wake = parseQueueWake(payload);
      if (wake) handlers.onWake(wake);
    },
    onConnected: handlers.onConnected,
    log: handlers.log,
  });
}

export { findQueuedWorkspaces } from '../runs/queue/queued-runs.sql';
