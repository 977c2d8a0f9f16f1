// Samples what Postgres backends are waiting on (pg_stat_activity) while a load runs: the
// quickest way to tell CPU, lock, and WAL-flush (fsync) waits apart.
import type pg from 'pg';

export function sampleWaits(pool: pg.Pool, everyMs = 100, detail = false) {
  const counts = new Map<string, number>();
  // When autovacuum workers were running (ms since the start), and on which table: to line
  // latency spikes up against them (BENCH_TIMELINE).
  const vacuums: Array<{ atMs: number; what: string }> = [];
  const t0 = Date.now();
  let samples = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const { rows } = await pool.query(
        `select coalesce(wait_event_type || ':' || wait_event, 'CPU/running') || case when wait_event_type = 'Lock' or $1 then ' ' || application_name || ' ' || left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 90) else '' end as w, count(*)::int as n
           from pg_stat_activity where state = 'active' and pid <> pg_backend_pid() and backend_type = 'client backend' group by 1`,
        [detail],
      );
      samples++;
      for (const r of rows) counts.set(r.w, (counts.get(r.w) ?? 0) + r.n);
      const av = await pool.query(`select left(query, 60) as q from pg_stat_activity where backend_type = 'autovacuum worker' and query <> ''`);
      for (const r of av.rows) vacuums.push({ atMs: Date.now() - t0, what: r.q });
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    const waits = Object.fromEntries([...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round((v / samples) * 100) / 100]));
    if (vacuums.length) {
      // Runs of samples of one table, as "start–end s table".
      const spans: string[] = [];
      let cur: { from: number; to: number; what: string } | null = null;
      for (const v of vacuums) {
        if (cur && cur.what === v.what && v.atMs - cur.to < 500) cur.to = v.atMs;
        else {
          if (cur) spans.push(`${(cur.from / 1000).toFixed(1)}–${(cur.to / 1000).toFixed(1)}s ${cur.what}`);
          cur = { from: v.atMs, to: v.atMs, what: v.what };
        }
      }
      if (cur) spans.push(`${(cur.from / 1000).toFixed(1)}–${(cur.to / 1000).toFixed(1)}s ${cur.what}`);
      (waits as Record<string, unknown>).autovacuum = spans;
    }
    return waits;
  };
}
