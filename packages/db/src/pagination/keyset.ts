import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/**
 * Keyset pagination on (a timestamp column, id). The key is the timestamp as Postgres prints
 * it (`::text`, microseconds and offset): a JS Date keeps milliseconds only, and rows a
 * microsecond apart would be skipped or repeated. Keys are immutable creation times, so rows
 * written while a caller pages never move: none is skipped or seen twice.
 */
export type PageCursor = { key: string; id: string };
export type PageRequest = { limit: number; after?: PageCursor };
export type Page<T> = { items: T[]; next: PageCursor | null };

export function keysetAfter(column: PgColumn | SQL, id: PgColumn, direction: 'asc' | 'desc', after: PageCursor | undefined): SQL | undefined {
  if (!after) return undefined;
  return direction === 'desc'
    ? sql`(${column}, ${id}) < (${after.key}::timestamptz, ${after.id}::uuid)`
    : sql`(${column}, ${id}) > (${after.key}::timestamptz, ${after.id}::uuid)`;
}

export const keysetOrder = (column: PgColumn, id: PgColumn, direction: 'asc' | 'desc') =>
  direction === 'desc' ? [sql`${column} desc`, sql`${id} desc`] : [sql`${column} asc`, sql`${id} asc`];

export const sortKeyText = (column: PgColumn) => sql<string>`${column}::text`;

/** Rows fetched with `limit + 1`: the extra one only says a next page exists. */
export function toPage<T extends { sortKey: string; id: string }>(rows: T[], limit: number): Page<Omit<T, 'sortKey'>> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return {
    items: kept.map(({ sortKey: _key, ...rest }) => {
      void _key;
      return rest;
    }),
    next: more && last ? { key: last.sortKey, id: last.id } : null,
  };
}
