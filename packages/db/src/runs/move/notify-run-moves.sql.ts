import { sql } from 'drizzle-orm';
import type { TenantTx } from '../../tenancy/tenant';
import { RUN_MOVES_CHANNEL } from './listen-run-moves';

/** Rings the worker's run-move doorbell; Postgres delivers it when the caller's transaction commits. No locks. */
export async function notifyRunMoves(tx: TenantTx): Promise<void> {
  await tx.db.execute(sql`select pg_notify(${RUN_MOVES_CHANNEL}, '')`);
}
