import { is, Placeholder, SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { QueryResult, QueryResultRow } from 'pg';
import type { Executor } from '../client';
import { nameOf, type DrizzleInternals } from './named-statement';

/** The values a statement's placeholders (`sql.placeholder(name)`) take in one call, by name. */
export type StatementValues = Record<string, unknown>;

type Rendered = { sql: string; params: unknown[]; name: string; placeholders: string[] };

// Rendered with drizzle's plain Postgres dialect, as the session's would (the statements name
// their columns as text: no casing applies).
const dialect = new PgDialect();

/**
 * A hot statement whose text is built and rendered once per process, its parameters bound by
 * name on every call. Rendering a large drizzle `sql` tree costs CPU on every call (≈ 0.5 ms
 * for the batch writer, bench/notes.md session 13: drizzle's `is()` over every chunk, then
 * hashing the ~10 KB text for its statement name); with the text fixed, a call only fills
 * the parameter array. Executed as a named prepared statement (executeNamed's naming).
 */
export class StatementTemplate {
  private rendered: Rendered | null = null;

  constructor(private readonly build: () => SQL) {}

  /** The statement with its placeholders, built on first use (what the fallback path binds). */
  get query(): SQL {
    return (this.query_ ??= this.build());
  }
  private query_: SQL | undefined;

  /** Its text and parameter slots, rendered once. */
  render(): Rendered {
    if (this.rendered) return this.rendered;
    const { sql, params } = dialect.sqlToQuery(this.query);
    const placeholders = params.filter((p): p is Placeholder => is(p, Placeholder)).map((p) => p.name);
    this.rendered = { sql, params, name: nameOf(sql), placeholders };
    return this.rendered;
  }

  execute<T extends QueryResultRow>(executor: Executor, values: StatementValues): Promise<QueryResult<T>> {
    const rendered = this.render();
    for (const name of rendered.placeholders)
      if (!(name in values))
        throw new Error(`statement ${rendered.name}: no value for placeholder "${name}"`);
    const { session } = executor as unknown as Partial<DrizzleInternals>;
    // An executor without drizzle's session (captureStatements' stand-in) records the
    // statement through execute(): it gets the statement with its values in place.
    if (typeof session?.prepareQuery !== 'function')
      return executor.execute<T>(bindPlaceholders(this.query, values)) as Promise<QueryResult<T>>;
    // BATON_PG_NAMED_STATEMENTS=0 sends it unnamed, for A/B measurement (as executeNamed).
    const name = process.env.BATON_PG_NAMED_STATEMENTS === '0' ? undefined : rendered.name;
    return session
      .prepareQuery({ sql: rendered.sql, params: rendered.params }, undefined, name, false)
      .execute(values) as Promise<QueryResult<T>>;
  }
}

export const statementTemplate = (build: () => SQL) => new StatementTemplate(build);

/**
 * One template per variant of a statement (which of its parts are present), built the first
 * time that variant is asked for. The key must name a variant, never a row count: each key is
 * a prepared statement on every connection.
 */
export function statementVariants<K extends string | number>(build: (key: K) => SQL) {
  const templates = new Map<K, StatementTemplate>();
  return (key: K): StatementTemplate => {
    let template = templates.get(key);
    if (!template) {
      template = new StatementTemplate(() => build(key));
      templates.set(key, template);
    }
    return template;
  };
}

/** `query` with every placeholder replaced by its value (a parameter), for the fallback path. */
export function bindPlaceholders(query: SQL, values: StatementValues): SQL {
  const bind = (chunk: unknown): unknown => {
    if (is(chunk, Placeholder)) {
      if (!(chunk.name in values)) throw new Error(`no value for placeholder "${chunk.name}"`);
      // A parameter, never a bare value: drizzle renders a bare array as a list of parameters.
      return sql.param(values[chunk.name]);
    }
    if (is(chunk, SQL)) return bindPlaceholders(chunk, values);
    if (Array.isArray(chunk)) return chunk.map(bind);
    return chunk;
  };
  return new SQL(query.queryChunks.map(bind) as SQL['queryChunks']);
}
