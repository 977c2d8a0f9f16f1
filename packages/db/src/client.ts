import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema';

export type Database = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Either the pool-backed database or an open transaction. */
export type Executor = Database | Tx;

export type DatabaseHandle = { db: Database; pool: pg.Pool; close: () => Promise<void> };

export type PoolTimeouts = { statementTimeoutMs?: number; idleInTransactionTimeoutMs?: number };

/**
 * The server-side timeouts of a long-running process's pool: a few slow queries (a search
 * over a huge workspace, a runaway report) must not hold every connection, and a transaction
 * left open by a stuck caller must not hold its locks. `PG_STATEMENT_TIMEOUT_MS` and
 * `PG_IDLE_IN_TRANSACTION_TIMEOUT_MS` override the caller's defaults (web 5 s, worker 30 s);
 * `0` turns one off. Migrations and scripts pass none.
 */
export function poolTimeoutsFromEnv(
  defaults: Required<PoolTimeouts>,
  env: Record<string, string | undefined> = process.env,
): PoolTimeouts {
  const read = (name: string, fallback: number) => {
    const n = Number(env[name]);
    return env[name] !== undefined && env[name] !== '' && Number.isSafeInteger(n) && n >= 0
      ? n
      : fallback;
  };
  return {
    statementTimeoutMs: read('PG_STATEMENT_TIMEOUT_MS', defaults.statementTimeoutMs),
    idleInTransactionTimeoutMs: read(
      'PG_IDLE_IN_TRANSACTION_TIMEOUT_MS',
      defaults.idleInTransactionTimeoutMs,
    ),
  };
}

/**
 * Postgres's plan cache mode for a whole pool's connections (startup packet): Postgres's own
 * `auto` unless BATON_PG_PLAN_CACHE_MODE says otherwise. Not forced for the pool: the mode
 * governs the unnamed statements of the extended protocol too (every drizzle query), and a
 * generic plan for a query whose best plan depends on its parameters (the simulation's
 * period loader: 2 s → 457 s, bench, session 10) is far worse than the planning it saves. The
 * batch transactions, whose statements are the named hot ones, force generic plans for
 * themselves (batchPlanCacheModeFromEnv, pipelinedTransaction).
 */
export function planCacheModeFromEnv(
  env: Record<string, string | undefined> = process.env,
): 'auto' | 'force_generic_plan' | 'force_custom_plan' {
  const v = env.BATON_PG_PLAN_CACHE_MODE;
  return v === 'force_generic_plan' || v === 'force_custom_plan' ? v : 'auto';
}

/**
 * The plan cache mode of the batch transactions (pipelinedTransaction: SET LOCAL, in the
 * same write as BEGIN): `force_generic_plan` by default. Their statements are the named hot
 * ones (sql/named-statement.ts) whose row sets arrive as jsonb parameters under `limit $n`, and
 * Postgres's cost comparison kept choosing a fresh custom plan for them on every call — 2.5–2.7
 * ms of planning per call for the batch writer and the wait lock statement while the batch held
 * its conversation and cursor locks — for plans no better than the generic one (bench/notes.md,
 * session 10: planning 2.5 → 0.1 ms, execution unchanged). BATON_PG_BATCH_PLAN_CACHE_MODE=auto
 * leaves them to Postgres.
 */
export function batchPlanCacheModeFromEnv(
  env: Record<string, string | undefined> = process.env,
): 'auto' | 'force_generic_plan' | 'force_custom_plan' {
  const v = env.BATON_PG_BATCH_PLAN_CACHE_MODE;
  return v === 'auto' || v === 'force_custom_plan' ? v : 'force_generic_plan';
}

export function createDatabase(
  url: string,
  opts: { max?: number; applicationName?: string } & PoolTimeouts = {},
): DatabaseHandle {
  const planCacheMode = planCacheModeFromEnv();
  const options = [
    process.env.PGOPTIONS,
    planCacheMode === 'auto' ? '' : `-c plan_cache_mode=${planCacheMode}`,
  ]
    .filter(Boolean)
    .join(' ');
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    application_name: opts.applicationName ?? 'baton',
    // Sent in the startup packet: set once per connection, no extra round trip.
    ...(opts.statementTimeoutMs ? { statement_timeout: opts.statementTimeoutMs } : {}),
    ...(opts.idleInTransactionTimeoutMs
      ? { idle_in_transaction_session_timeout: opts.idleInTransactionTimeoutMs }
      : {}),
    ...(options ? { options } : {}),
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
