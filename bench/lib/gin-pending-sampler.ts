import type pg from 'pg';

/**
 * Samples the pending lists of the GIN indexes on the inbound path (trigram search on message
 * text and contact names). With `fastupdate` on (Postgres's default) an insert appends to the
 * pending list, and the insert that finds it over `gin_pending_list_limit` (4 MB) merges it
 * into the index itself, inside its transaction. A drop of pending pages between two samples
 * while traffic runs is one such merge (or autovacuum's). Returns the drops seen.
 */
export function sampleGinPending(pool: pg.Pool, everyMs = 200) {
  const drops: Array<{ atMs: number; index: string; fromPages: number; toPages: number }> = [];
  const last = new Map<string, number>();
  const t0 = Date.now();
  let stopped = false;
  const loop = (async () => {
    await pool.query('create extension if not exists pgstattuple');
    while (!stopped) {
      const { rows } = await pool.query<{ index: string; pages: number }>(
        `select c.relname as index, (pgstatginindex(c.oid)).pending_pages as pages
           from pg_class c join pg_index i on i.indexrelid = c.oid join pg_am am on am.oid = c.relam
          where am.amname = 'gin' and i.indrelid in ('messages'::regclass, 'contacts'::regclass)`,
      );
      for (const r of rows) {
        const before = last.get(r.index);
        if (before !== undefined && r.pages < before) drops.push({ atMs: Date.now() - t0, index: r.index, fromPages: before, toPages: r.pages });
        last.set(r.index, r.pages);
      }
      await new Promise((res) => setTimeout(res, everyMs));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return { drops, pendingPages: Object.fromEntries(last) };
  };
}
