import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/**
 * Merges the pending lists of the GIN indexes (trigram search on messages and contacts,
 * mentions on comments) into the indexes, from the worker's periodic sweep. GIN inserts
 * append to a pending list (cheap: measured ~3-4x cheaper per row than updating the index
 * directly), and the insert that finds the list over gin_pending_list_limit (4 MB, ~15k
 * messages: every ~30 s at 500/s) merges all of it inside its own transaction, stalling the
 * inbound batch and every request behind it. Merged every few seconds here, the list stays
 * far below the limit, so no request pays for it; if the sweep stops (no leader), Postgres
 * falls back to merging in the insert as before. Returns the pages merged.
 */
export async function cleanGinPendingLists(db: Executor): Promise<number> {
  const r = await db.execute<{ pages: number }>(sql`
    select coalesce(sum(gin_clean_pending_list(c.oid)), 0)::int as pages
      from pg_class c join pg_am am on am.oid = c.relam
     where am.amname = 'gin' and c.relkind = 'i' and c.relnamespace = current_schema()::regnamespace`);
  return r.rows[0]?.pages ?? 0;
}
