import pg from 'pg';

export type ChannelListener = {
  /** Resolves once the first LISTEN is in place. */
  ready: Promise<void>;
  stop: () => Promise<void>;
};

/**
 * Holds one connection of its own LISTENing on `channel` (a pooled connection would hand the
 * LISTEN to whoever borrows it next). Postgres delivers a NOTIFY once its transaction commits,
 * whichever process wrote it, but keeps nothing for a listener that is away: every
 * (re)connection calls `onConnected`, where the caller catches up from the tables (they are
 * the truth; a notification is only a doorbell). A dropped connection is re-opened with a
 * backoff from 200 ms doubling to 5 s.
 */
export function listenChannel(
  url: string,
  opts: {
    channel: string;
    applicationName: string;
    onNotification: (payload: string | undefined) => void;
    onConnected?: () => void;
    log?: (msg: string) => void;
  },
): ChannelListener {
  let client: pg.Client | null = null;
  let stopped = false;
  let delay = 200;
  let retry: NodeJS.Timeout | null = null;
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((r) => (resolveReady = r));

  // A client given up is silenced first: its late 'error' or 'notification' must not reach us.
  const release = (c: pg.Client) => {
    c.removeAllListeners();
    c.on('error', () => {});
    return c.end().catch(() => {});
  };

  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url, application_name: opts.applicationName });
    client = c;
    const again = () => {
      if (stopped || client !== c) return;
      client = null;
      void release(c);
      retry = setTimeout(() => void connect(), delay);
      delay = Math.min(delay * 2, 5_000);
    };
    c.on('error', again);
    c.on('end', again);
    c.on('notification', (n) => {
      if (n.channel === opts.channel) opts.onNotification(n.payload);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${opts.channel}`);
      delay = 200;
      resolveReady();
      opts.onConnected?.();
    } catch (err) {
      opts.log?.(`[listen ${opts.channel}] failed: ${(err as Error).message}`);
      again();
    }
  };
  void connect();

  return {
    ready,
    stop: async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      if (c) await release(c);
    },
  };
}
