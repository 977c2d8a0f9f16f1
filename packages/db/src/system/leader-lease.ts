import pg from 'pg';

export type LeaderLease = {
  /** True while this process holds the lock (as far as its last check could tell). */
  isLeader: () => boolean;
  stop: () => Promise<void>;
};

/**
 * One leader among any number of processes for a named duty: a Postgres session-level
 * advisory lock (`pg_try_advisory_lock`) held on a connection of its own.
 *
 * Why Postgres and not a Redis lock: the duties led this way (the outbox relay, the timer
 * reconcilers, the sweeps) exist to repair Redis from Postgres, so they must keep a leader
 * exactly when Redis is flushed, restarted or failing over — a Redis lock would vanish or be
 * granted twice then (no fencing across an asynchronous-replication failover). A session lock
 * needs no TTL: the server releases it the moment the holder's connection ends (a SIGKILLed
 * process's socket is closed by its kernel; a vanished host is noticed by the TCP keepalives
 * set below within ~25 s), and Postgres going away ends every holder at once.
 *
 * Not a correctness boundary: every duty led this way is also safe when two processes run it
 * at once (idempotent job ids, row locks, SKIP LOCKED), which happens for at most one check
 * period when the leader's connection dies without it noticing yet. Leadership saves the
 * N-fold scans and Redis round trips of N processes doing the same repair.
 *
 * Every `checkMs` a follower tries the lock and the leader checks that its connection still
 * answers (any error or `queryTimeoutMs` without an answer → not leader, new connection).
 */
export function holdLeaderLease(
  url: string,
  opts: {
    /** The duty's name; processes with the same name compete (include a deployment prefix). */
    name: string;
    applicationName: string;
    checkMs?: number;
    queryTimeoutMs?: number;
    onChange?: (leader: boolean) => void;
    log?: (msg: string) => void;
  },
): LeaderLease {
  const checkMs = opts.checkMs ?? 1000;
  let client: pg.Client | null = null;
  let leader = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();

  const setLeader = (value: boolean) => {
    if (leader === value) return;
    leader = value;
    opts.onChange?.(value);
  };

  // A client given up is silenced first: its late 'error' must not reach us. Ending it also
  // releases the lock if the server still thinks it is held.
  const drop = () => {
    const c = client;
    client = null;
    setLeader(false);
    if (c) {
      c.removeAllListeners();
      c.on('error', () => {});
      void c.end().catch(() => {});
    }
  };

  const connect = async (): Promise<pg.Client> => {
    const c = new pg.Client({
      connectionString: url,
      application_name: opts.applicationName,
      query_timeout: opts.queryTimeoutMs ?? 5000,
      keepAlive: true,
    });
    c.on('error', () => {
      if (client === c) drop();
    });
    c.on('end', () => {
      if (client === c) drop();
    });
    client = c;
    await c.connect();
    // The server side of the same bound: a leader whose host vanished (no FIN/RST) is found
    // dead after ~10 + 5 × 3 s and its lock released, instead of after the kernel's 2 hours.
    await c.query(
      'set tcp_keepalives_idle = 10; set tcp_keepalives_interval = 5; set tcp_keepalives_count = 3',
    );
    return c;
  };

  const check = async () => {
    try {
      const c = client ?? (await connect());
      if (leader) {
        await c.query('select 1');
      } else {
        const res = await c.query<{ got: boolean }>(
          'select pg_try_advisory_lock(hashtextextended($1, 0)) as got',
          [opts.name],
        );
        if (stopped) return;
        if (res.rows[0]?.got) setLeader(true);
      }
    } catch (err) {
      if (leader) opts.log?.(`[lease ${opts.name}] lost: ${(err as Error).message}`);
      drop();
    }
  };

  const loop = async () => {
    await check();
    if (!stopped) timer = setTimeout(() => (running = loop()), checkMs);
  };
  running = loop();

  return {
    isLeader: () => leader && !stopped,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      drop();
    },
  };
}
