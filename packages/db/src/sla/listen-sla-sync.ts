import pg from 'pg';

export const SLA_SYNC_CHANNEL = 'baton_sla_sync';

/**
 * The worker's LISTEN on `baton_sla_sync` (NOTIFY from the triggers that queue conversations
 * for SLA re-planning, delivered on commit). Reconnects with backoff; `onWake` is also called
 * on every (re)connection, since notifications sent while disconnected are lost — the queue
 * table is the truth, the notification only a doorbell.
 */
export function listenSlaSync(url: string, onWake: () => void, log?: (msg: string) => void): { stop: () => Promise<void> } {
  let client: pg.Client | null = null;
  let stopped = false;
  let delay = 200;
  let retry: NodeJS.Timeout | null = null;
  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url, application_name: 'baton-sla-sync' });
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
      if (n.channel === SLA_SYNC_CHANNEL) onWake();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${SLA_SYNC_CHANNEL}`);
      delay = 200;
      onWake();
    } catch (err) {
      log?.(`[sla] listen failed: ${(err as Error).message}`);
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
