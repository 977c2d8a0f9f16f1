/** The database of int-test worker `poolId` (vitest's VITEST_POOL_ID, 1-based), cloned from the migrated one. */
export function forkDatabaseName(base: string, poolId: number | string): string {
  return `${base}_w${poolId}`;
}
