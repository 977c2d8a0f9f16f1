import pg from 'pg';
import { queueWakeReasons, type QueueWake } from '../runs/queue/drain-queues';

export const QUEUE_WAKE_CHANNEL = 'baton_queue_wake';

/**
 * "<workspace>:<user>:<why>" as the triggers of migration 0020 send it ("*" for the user:
 * anyone, e.g. a raised capacity setting, migration 0023); anything else is ignored.
 */
export function parseQueueWake(payload: string | undefined): QueueWake | null {
  const [workspaceId, userId, reason] = (payload ?? '').split(':');
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (!workspaceId || !uuid.test(workspaceId) || !userId || (userId !== '*' && !uuid.test(userId))) return null;
  if (!(queueWakeReasons as readonly string[]).includes(reason ?? '')) return null;
  return { workspaceId, userId: userId === '*' ? null : userId, reason: reason as QueueWake['reason'] };
}

/**
 * Holds one connection LISTENing for queue wake-ups (NOTIFY from the triggers, delivered on
 * commit). Postgres does not keep notifications for a listener that is away, so each
 * (re)connection first calls `onConnected` — the caller's catch-up over every queue — and
 * a dropped connection is re-opened with a capped backoff.
 */
export function listenQueueWakes(
  url: string,
  handlers: { onWake: (wake: QueueWake) => void; onConnected: () => void; log?: (msg: string) => void },
): { stop: () => Promise<void> } {
  let client: pg.Client | null = null;
  let stopped = false;
  let delay = 200;
  let retry: NodeJS.Timeout | null = null;
  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url, application_name: 'baton-queue-wakes' });
    client = c;
    const again = () => {
      if (stopped || client !== c) return;
      client = null;
      c.end().catch(() => {});
      retry = setTimeout(() => void connect(), delay);
      delay = Math.min(delay * 2, 5_000);
    };
    c.on('error', again);
    c.on('end', again);
    c.on('notification', (n) => {
      if (n.channel !== QUEUE_WAKE_CHANNEL) return;
      const wake = parseQueueWake(n.payload);
      if (wake) handlers.onWake(wake);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${QUEUE_WAKE_CHANNEL}`);
      delay = 200;
      handlers.onConnected();
    } catch (err) {
      handlers.log?.(`[queue] listen failed: ${(err as Error).message}`);
      again();
    }
  };
  void connect();
  return {
    stop: async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}

export { findQueuedWorkspaces } from '../runs/queue/queued-runs.sql';
