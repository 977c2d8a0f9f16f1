import { getTableColumns, is, sql, type SQL } from 'drizzle-orm';
import { PgEnumColumn, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { jsonRecords, RowsParam } from './json-recordset';

/** A property of a drizzle table (`workspaceId`), which names a column (`workspace_id`). */
export type ColumnKey<T extends PgTable> = keyof T['_']['columns'] & string;

/**
 * A column the statement writes: read from the rows' property of the same name, or — as
 * `[key, expression]` — filled by an expression (a constant, `now()`, a joined row's value).
 */
export type RecordField<T extends PgTable> = ColumnKey<T> | readonly [ColumnKey<T>, SQL];

// Identifiers are written bare where Postgres folds them to themselves, as by hand.
const ident = (name: string) =>
  /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;

// The short spellings of a hand-written statement; Postgres parses both to the same type.
const shortType: Record<string, string> = {
  integer: 'int',
  'timestamp with time zone': 'timestamptz',
};

/**
 * A recordset field's type: the column's. An enum is read as text and cast where it is used
 * (`v.status::run_status`), so the jsonb can carry any string and the cast names the value
 * that is wrong.
 */
function fieldType(column: PgColumn): string {
  if (is(column, PgEnumColumn)) return 'text';
  const type = column.getSQLType();
  return shortType[type] ?? type;
}

function columnOf<T extends PgTable>(table: T, key: ColumnKey<T>): PgColumn {
  const column = getTableColumns(table)[key] as PgColumn | undefined;
  if (!column) throw new Error(`no column "${key}"`);
  return column;
}

/**
 * Rows of one table passed as one jsonb parameter, with every column list of the statement
 * that writes them — the insert's columns, the recordset's fields and their types, the values
 * read from it, an update's assignments — derived from the drizzle table, so they cannot
 * disagree with each other or with the schema: a renamed property fails the typecheck, a
 * renamed or retyped column changes the statement with it (sql/hot-statements.test.ts shows
 * the text and checks the rest of the statement against the tables).
 *
 * `alias`: the recordset's name in the statement. `read`: how a field's value is read where
 * it is not taken as it is (`coalesce(v."waitSeq", 0)`). `extra`: recordset fields that are no
 * column (`'at timestamptz, i int'`), for computed values.
 */
export function tableRecords<T extends PgTable, K extends ColumnKey<T>>(
  table: T,
  alias: string,
  fields: readonly (K | readonly [K, SQL])[],
  options: { read?: Partial<Record<K, (field: SQL) => SQL>>; extra?: string } = {},
) {
  const read = fields.filter((f): f is K => typeof f === 'string');
  const ref = (key: K) => sql.raw(`${alias}.${ident(key)}`);
  const valueOf = (field: K | readonly [K, SQL]): SQL => {
    if (typeof field !== 'string') return (field as readonly [K, SQL])[1];
    const key = field as K;
    const column = columnOf(table, key);
    const cast = is(column, PgEnumColumn) ? sql.raw(`::${column.enum.enumName}`) : sql``;
    const custom = options.read?.[key];
    return custom ? custom(sql`${ref(key)}${cast}`) : sql`${ref(key)}${cast}`;
  };
  const keyOfField = (field: K | readonly [K, SQL]): K =>
    typeof field === 'string' ? (field as K) : (field as readonly [K, SQL])[0];
  const nameOf = (key: K) => ident(columnOf(table, key).name);
  const definition = [
    ...read.map((key) => `${ident(key)} ${fieldType(columnOf(table, key))}`),
    ...(options.extra ? [options.extra] : []),
  ].join(', ');
  return {
    /** `workspace_id, run_id, …`: the columns written, for `insert into t (…)`. */
    columns: sql.raw(fields.map((f) => nameOf(keyOfField(f))).join(', ')),
    /** `v."workspaceId", v.status::run_status, now(), …`: their values, in the same order. */
    values: sql.join(fields.map(valueOf), sql`, `),
    /** `"workspaceId" uuid, status text, …`: the recordset's fields (those read from the rows). */
    definition,
    /**
     * `jsonb_to_recordset($1::jsonb) as v(…)`, for `insert … select … from`. The rows, or a
     * RowsParam naming the placeholder they are bound to per call.
     */
    recordset: (rows: readonly { [P in K]?: unknown }[] | RowsParam): SQL =>
      sql`jsonb_to_recordset(${rows instanceof RowsParam ? rows.json : JSON.stringify(rows)}::jsonb) as ${sql.raw(alias)}(${sql.raw(definition)})`,
    /** The same rows as a row source with a row estimate (jsonRecords), for `update … from`. */
    source: (rows: readonly { [P in K]?: unknown }[] | RowsParam): SQL =>
      jsonRecords(rows, alias, definition),
    /** `status = v.status::run_status, …` for every field but the `key` ones, for `update … set`. */
    assignments: (key: readonly K[]): SQL =>
      sql.join(
        fields
          .filter((f) => !key.includes(keyOfField(f)))
          .map((f) => sql`${sql.raw(nameOf(keyOfField(f)))} = ${valueOf(f)}`),
        sql`, `,
      ),
    /** `r.workspace_id = v."workspaceId" and r.id = v.id`: the rows' keys matched to `target`'s. */
    matches: (target: string, key: readonly K[]): SQL =>
      sql.raw(key.map((k) => `${target}.${nameOf(k)} = ${alias}.${ident(k)}`).join(' and ')),
  };
}

/** A raw row of `table` as a statement returns it: timestamps come back as strings. */
export type RawColumns<T extends PgTable, K extends ColumnKey<T>> = {
  [P in K]: T['$inferSelect'][P] extends infer V
    ? V extends Date
      ? string
      : V extends Date | null
        ? string | null
        : V
    : never;
};

/**
 * `k.workspace_id as "workspaceId", k.id, …`: columns of `table` (as `alias`) under their
 * property names — or, `{ renamed: false }`, under their own (`k.workspace_id, k.id, …`).
 */
export function selectColumns<T extends PgTable, K extends ColumnKey<T>>(
  table: T,
  alias: string | null,
  keys: readonly K[],
  { renamed = true }: { renamed?: boolean } = {},
): SQL {
  return sql.raw(
    keys
      .map((key) => {
        const name = ident(columnOf(table, key).name);
        const qualified = alias ? `${alias}.${name}` : name;
        return !renamed || name === ident(key) ? qualified : `${qualified} as ${ident(key)}`;
      })
      .join(', '),
  );
}
