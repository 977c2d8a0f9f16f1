import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema';

export type Database = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Either the pool-backed database or an open transaction. */
export type Executor = Database | Tx;

export type DatabaseHandle = { db: Database; pool: pg.Pool; close: () => Promise<void> };

export function createDatabase(url: string, opts: { max?: number; applicationName?: string } = {}): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    application_name: opts.applicationName ?? 'baton',
    // Queries issued together on one connection go out together instead of each waiting for
    // the last one's answer (pipelinedTransaction, loadBatchPools). Code that awaits each
    // query sees no difference. BATON_PG_PIPELINE=0 turns it off.
    pipeline: process.env.BATON_PG_PIPELINE !== '0',
  } as pg.PoolConfig);
  // An idle client losing its server (Postgres restart) must not crash the process.
  pool.on('error', () => {});
  const db = drizzle(pool, { schema });
  return { db, pool, close: () => pool.end() };
}
