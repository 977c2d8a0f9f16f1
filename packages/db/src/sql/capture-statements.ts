import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database, Tx } from '../client';

/** A statement as it is sent: its text (`$1`, `$2` … for the parameters) and parameters. */
export type RenderedStatement = { sql: string; params: unknown[] };

const dialect = new PgDialect();

/** The text Postgres receives for a drizzle `sql` statement (no database needed). */
export function renderStatement(statement: SQL): RenderedStatement {
  const { sql, params } = dialect.sqlToQuery(statement);
  return { sql, params };
}

/**
 * Runs a data function against a stand-in transaction that records every `execute(sql…)`
 * instead of sending it, answering each with the rows `answer` gives (by call index). Unit
 * tests read a hot statement's text this way (statement-text.test.ts), without a database
 * and without the function having to expose how it builds the statement.
 */
export async function captureStatements(
  run: (tx: Tx & Database) => Promise<unknown>,
  answer: (index: number) => Record<string, unknown>[] = () => [{}],
): Promise<RenderedStatement[]> {
  const captured: RenderedStatement[] = [];
  const fake = {
    execute: (statement: SQL) => {
      captured.push(renderStatement(statement));
      return Promise.resolve({ rows: answer(captured.length - 1) });
    },
    transaction: <R>(work: (tx: unknown) => Promise<R>) => work(fake),
  };
  await run(fake as unknown as Tx & Database);
  return captured;
}

/** Whitespace carries no meaning in a statement (nor in its plan): compare without it. */
export function normalizeStatement(text: string): string {
  return text
    .replace(/--[^\n]*/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\( /g, '(')
    .replace(/ \)/g, ')')
    .trim();
}
