import { sql } from 'drizzle-orm';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { batchPlanCacheModeFromEnv, type Database, type Executor, type Tx } from '../client';

type DrizzleInternals = {
  dialect: ConstructorParameters<typeof NodePgSession>[1];
  session: {
    client: unknown;
    schema: ConstructorParameters<typeof NodePgSession>[2];
    options: ConstructorParameters<typeof NodePgSession>[3];
  };
};

// Transactions opened by pipelinedTransaction, and those of them already committed by commitWith.
const open = new WeakSet<object>();
const committed = new WeakSet<object>();

/**
 * Issues COMMIT right behind `statement` (not yet answered) when `tx` is a
 * pipelinedTransaction's own: both leave in one write, one round trip instead of two for
 * the transaction's last statement. If the statement fails, Postgres answers the COMMIT of
 * the failed transaction with a rollback, so nothing of it is kept. In any other
 * transaction (a caller's, a savepoint) the statement is only awaited.
 */
export async function commitWith<R>(tx: Tx, statement: PromiseLike<R>): Promise<R> {
  // drizzle's queries are lazy (they run on then()): start it before the COMMIT is queued.
  const started = statement.then((r) => r);
  if (!open.has(tx) || committed.has(tx)) return started;
  committed.add(tx);
  // drizzle's execute() is lazy (it runs on then()): start it now, behind the statement.
  const commit = tx.execute(sql`commit`).then(() => undefined);
  commit.catch(() => {}); // its failure is the statement's, or surfaces below
  const result = await started;
  await commit;
  return result;
}

/**
 * drizzle's `transaction()`, except that BEGIN is not awaited on its own: on a pipelining
 * connection (createDatabase turns pipelining on) it leaves in the same write as the
 * transaction's first statement. The batch paths hold conversation and cursor locks from
 * their first statement to COMMIT, and on two busy cores every round trip inside that
 * window costs a millisecond or more; this one was pure overhead. Statements run in the
 * order they are issued either way, so without pipelining it behaves like `transaction()`.
 * An open transaction (a caller's) gets a savepoint, as with `transaction()`.
 */
export async function pipelinedTransaction<T>(
  db: Executor,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  const { dialect, session } = db as unknown as DrizzleInternals;
  if (!(session?.client instanceof pg.Pool)) return (db as Database).transaction(fn);
  const client = await session.client.connect();
  const tx = new NodePgTransaction(
    dialect,
    new NodePgSession(client, dialect, session.schema, session.options),
    session.schema,
  ) as unknown as Tx;
  open.add(tx);
  // Started now (drizzle's execute() runs on then()), awaited below; a failed BEGIN also
  // fails the statement behind it.
  let failure: unknown;
  const begin = tx.execute(sql`begin`).then(() => undefined);
  // The batch's named statements on generic plans (client.ts, batchPlanCacheModeFromEnv),
  // for this transaction only: in the same write as BEGIN, no round trip of its own.
  const mode = batchPlanCacheModeFromEnv();
  const planMode =
    mode === 'auto'
      ? Promise.resolve()
      : tx
          .execute(
            mode === 'force_generic_plan'
              ? // A generic plan is kept for the connection's life (until an ANALYZE or VACUUM
                // of its tables): built while a table was small it scans it whole, and goes on
                // doing so on every batch as the table grows (a fresh bench: the batch writer's
                // seq scan of run_steps read 12k rows a batch after 30 s, and routing p50 tripled
                // until autovacuum's ANALYZE; bench/notes.md, session 12). Batch statements
                // reach their rows by keys, each with an index: with seq scans priced out the
                // plan takes the index whatever the tables' sizes when it was built.
                sql`select set_config('plan_cache_mode', 'force_generic_plan', true), set_config('enable_seqscan', 'off', true)`
              : sql`set local plan_cache_mode = force_custom_plan`,
          )
          .then(() => undefined);
  const begun = Promise.all([begin, planMode]).then(() => undefined);
  begin.catch(() => {});
  planMode.catch(() => {});
  begun.catch(() => {});
  try {
    const result = await fn(tx);
    await begun;
    if (!committed.has(tx)) await tx.execute(sql`commit`);
    return result;
  } catch (error) {
    failure = error;
    if (!committed.has(tx)) await tx.execute(sql`rollback`).catch(() => {});
    throw error;
  } finally {
    // A named statement prepared before a migration changed the columns it returns fails on
    // this connection from then on ("cached plan must not change result type"): the
    // connection is dropped, so the retry prepares it afresh on another.
    client.release(stalePreparedStatement(failure) ? (failure as Error) : undefined);
  }
}

function stalePreparedStatement(error: unknown): boolean {
  const e = error as
    { code?: string; message?: string; cause?: { code?: string; message?: string } } | undefined;
  return [e, e?.cause].some(
    (x) => x?.code === '0A000' && /cached plan must not change result type/.test(x.message ?? ''),
  );
}
