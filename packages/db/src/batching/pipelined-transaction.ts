import { sql } from 'drizzle-orm';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Database, Executor, Tx } from '../client';

type DrizzleInternals = {
  dialect: ConstructorParameters<typeof NodePgSession>[1];
  session: {
    client: unknown;
    schema: ConstructorParameters<typeof NodePgSession>[2];
    options: ConstructorParameters<typeof NodePgSession>[3];
  };
};

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
  const begun = tx.execute(sql`begin`);
  begun.catch(() => {}); // awaited below; a failed BEGIN also fails the statement behind it
  try {
    const result = await fn(tx);
    await begun;
    await tx.execute(sql`commit`);
    return result;
  } catch (error) {
    await tx.execute(sql`rollback`).catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
