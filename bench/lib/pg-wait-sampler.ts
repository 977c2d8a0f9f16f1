// Samples what Postgres backends are waiting on (pg_stat_activity) while a load runs: the
// quickest way to tell CPU, lock, and WAL-flush (fsync) waits apart.
import type pg from 'pg';

export function sampleWaits(pool: pg.Pool, everyMs = 100, detail = false) {
  const counts = new Map<string, number>();
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
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return Object.fromEntries([...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round((v / samples) * 100) / 100]));
  };
}
