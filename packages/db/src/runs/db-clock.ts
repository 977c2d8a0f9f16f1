import { sql } from 'drizzle-orm';
import type { TenantTx } from '../tenancy/tenant';

/**
 * The database clock, not the worker's: a worker whose clock runs behind must still never
 * fire a wait early, and every worker agrees on one time.
 */
export async function dbNow(tx: TenantTx): Promise<number> {
  const res = await tx.db.execute<{ ms: string }>(
    sql`select (extract(epoch from clock_timestamp()) * 1000)::bigint as ms`,
  );
  return Number(res.rows[0]!.ms);
}
