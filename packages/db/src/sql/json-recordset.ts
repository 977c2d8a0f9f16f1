import { sql, type SQL, type AnyColumn, type Placeholder } from 'drizzle-orm';

/**
 * A batch spans workspaces, so every lookup is by (workspace id, row id) pair — never by row
 * id alone — which keeps the tenancy rule of the data layer: no row of another workspace can
 * be read or written through a key that names the wrong workspace.
 */
export type WorkspaceKey = { workspaceId: string; id: string };

export const keyOf = (workspaceId: string, id: string) => `${workspaceId}|${id}`;

/**
 * Rows passed as one jsonb parameter, as a row source: `(select * from jsonb_to_recordset(…)
 * as <alias>(<columns>) limit <n>)`. The statement text stays the same whatever the count
 * (one plan per statement), and the LIMIT tells the planner how many rows to expect — it
 * assumes 100 for any set-returning function, which made it hash-join whole tables instead
 * of probing their keys (a limit given as a parameter is estimated at 10 in a generic plan).
 */
export function jsonRecords(rows: readonly unknown[] | RowsParam, alias: string, columns: string): SQL {
  const [json, count] = rows instanceof RowsParam ? [rows.json, rows.count] : [JSON.stringify(rows), rows.length];
  return sql`(select * from jsonb_to_recordset(${json}::jsonb) as ${sql.raw(alias)}(${sql.raw(columns)}) limit ${count})`;
}

/**
 * Rows bound per call to a statement rendered once (sql/statement-template.ts): in place of
 * the rows, jsonRecords and tableRecords write placeholders for their jsonb (`name`) and their
 * count (`name_n`, the LIMIT), and `bind` gives both their values.
 */
export class RowsParam {
  readonly json: Placeholder<string>;
  readonly count: Placeholder<string>;
  constructor(readonly name: string) {
    this.json = sql.placeholder(name);
    this.count = sql.placeholder(`${name}_n`);
  }
  bind(values: Record<string, unknown>, rows: readonly unknown[]): void {
    values[this.name] = JSON.stringify(rows);
    values[`${this.name}_n`] = rows.length;
  }
}

export const rowsParam = (name: string) => new RowsParam(name);

/** `(workspace_col, id_col) in (<pairs>)`, the pairs passed as one jsonb parameter. */
export function inWorkspacePairs(
  workspaceCol: AnyColumn,
  idCol: AnyColumn,
  pairs: readonly WorkspaceKey[],
): SQL {
  const rows = pairs.map((p) => ({ w: p.workspaceId, k: p.id }));
  return sql`(${workspaceCol}, ${idCol}) in (select k.w, k.k from ${jsonRecords(rows, 'k', 'w uuid, k uuid')} k)`;
}

export function uniqueKeys(pairs: readonly WorkspaceKey[]): WorkspaceKey[] {
  const seen = new Map<string, WorkspaceKey>();
  for (const p of pairs) seen.set(keyOf(p.workspaceId, p.id), p);
  return [...seen.values()];
}

/** `(a, b, c) in (<triples>)`: (workspace, channel, key) lookups, as one jsonb parameter. */
export function inTriples(
  a: AnyColumn,
  b: AnyColumn,
  c: AnyColumn,
  triples: ReadonlyArray<[string, string, string]>,
  third: 'text' | 'uuid' = 'text',
): SQL {
  const rows = triples.map(([w, ch, x]) => ({ w, ch, x }));
  return sql`(${a}, ${b}, ${c}) in (select k.w, k.ch, k.x from ${jsonRecords(rows, 'k', `w uuid, ch uuid, x ${third}`)} k)`;
}
