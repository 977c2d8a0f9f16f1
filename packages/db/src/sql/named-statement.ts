import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { QueryResult, QueryResultRow } from 'pg';
import type { Executor } from '../client';

export type DrizzleInternals = {
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  session: {
    prepareQuery(
      query: { sql: string; params: unknown[] },
      fields: undefined,
      name: string | undefined,
      arrayMode: boolean,
    ): { execute(placeholderValues?: Record<string, unknown>): Promise<unknown> };
  };
};

// Statement text → its name. The hot statements' texts do not depend on their rows (pinned by
// sql/hot-statements.test.ts), so there are a handful of entries, never one per call.
const names = new Map<string, string>();

export function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    // From the text, not the call site: a changed statement gets a new name, so a connection
    // that prepared the old text (during a rolling deploy, or in tests) never clashes.
    name = `baton_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * `executor.execute(query)` as a named prepared statement. drizzle sends raw SQL as an unnamed
 * statement, which Postgres parses and plans on every call; the batch statements are large
 * CTE chains whose planning cost as much as their execution (bench/notes.md, session 8:
 * ≈ 5 ms per call) and happened while the batch held its conversation locks. Named, each
 * connection parses once and Postgres's plan cache switches to a generic plan after five
 * custom ones when that plan is no worse, so later calls skip planning.
 * Eager (the query is issued now, in call order), unlike drizzle's lazy execute().
 */
export function executeNamed<T extends QueryResultRow>(
  executor: Executor,
  query: SQL,
): Promise<QueryResult<T>> {
  const { dialect, session } = executor as unknown as Partial<DrizzleInternals>;
  // BATON_PG_NAMED_STATEMENTS=0 sends them unnamed, for A/B measurement; an executor without
  // drizzle's session (captureStatements' stand-in) records the statement through execute().
  if (
    process.env.BATON_PG_NAMED_STATEMENTS === '0' ||
    !dialect ||
    typeof session?.prepareQuery !== 'function'
  ) {
    return executor.execute<T>(query) as Promise<QueryResult<T>>;
  }
  const built = dialect.sqlToQuery(query);
  return session.prepareQuery(built, undefined, nameOf(built.sql), false).execute() as Promise<
    QueryResult<T>
  >;
}

/**
 * A drizzle query builder's statement (a select with its result mapping), named as above.
 * Only for statements whose text does not depend on their rows (keys passed as one jsonb
 * parameter, `jsonRecords`): a text per row count would prepare a statement per count.
 */
export function executeNamedQuery<R>(query: {
  toSQL(): { sql: string };
  prepare(name: string): { execute(): Promise<R> };
}): Promise<R> {
  if (process.env.BATON_PG_NAMED_STATEMENTS === '0')
    return query.prepare(undefined as unknown as string).execute();
  return query.prepare(nameOf(query.toSQL().sql)).execute();
}
