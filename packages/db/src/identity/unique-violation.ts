/** Postgres 23505, seen through drizzle's DrizzleQueryError wrapper (the pg error is its cause). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e = error as { code?: string; constraint?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return constraint ? e.constraint === constraint : true;
  }
  return false;
}
