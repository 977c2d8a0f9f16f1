import { getTableColumns, type InferSelectModel } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * A row that came back as `to_jsonb(t)` (snake_case keys, ISO timestamps), mapped the way a
 * drizzle select of the same table maps it: lets one statement return rows of several
 * tables (a batch's locked conversations and claimed events) without a round trip each.
 */
export function rowFromJson<T extends PgTable>(
  table: T,
  raw: Record<string, unknown>,
): InferSelectModel<T> {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = raw[column.name];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as InferSelectModel<T>;
}
