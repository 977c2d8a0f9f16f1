/**
 * A log line for an error that may come from the database, without the data in it.
 * drizzle's DrizzleQueryError message is "Failed query: <sql>\nparams: <every parameter>", and
 * its stack starts with that message, so logging the error whole writes customers' message
 * texts, emails and password hashes into the logs. Postgres' own message and detail can quote
 * input too ("invalid input syntax for type uuid: \"…\"", "Key (email)=(…) already exists").
 * What is kept: the SQLSTATE code, the constraint/table/column names, the query's first words
 * (the statement kind and table, never a value: parameters are placeholders) and stack frames.
 * Any other error is described by its class, message and stack as usual.
 */
type PgLike = { code?: unknown; severity?: unknown; constraint?: unknown; table?: unknown; column?: unknown; routine?: unknown };

const isPgError = (e: unknown): e is PgLike & Error =>
  e instanceof Error && typeof (e as PgLike).code === 'string' && /^[0-9A-Z]{5}$/.test((e as PgLike).code as string) && typeof (e as PgLike).severity === 'string';

const isDrizzleQueryError = (e: unknown): e is Error & { query: string; params: unknown[]; cause?: unknown } =>
  e instanceof Error && typeof (e as { query?: unknown }).query === 'string' && 'params' in e;

function frames(error: Error): string {
  // Only the "    at …" lines: the stack's first lines repeat the message.
  return (error.stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 8)
    .join('\n');
}

function queryHead(sql: string): string {
  // "insert into "users" ("id", "email", …" → the statement kind and the table it names.
  const words = sql.replace(/\s+/g, ' ').trim().split(' ').slice(0, 4).join(' ');
  return words.replace(/\$\d+/g, '$?').replace(/'[^']*'?/g, "'…'").slice(0, 80);
}

function pgPart(e: PgLike): string {
  const named = (['constraint', 'table', 'column', 'routine'] as const)
    .filter((k) => typeof e[k] === 'string' && e[k])
    .map((k) => `${k}=${String(e[k])}`);
  return [`SQLSTATE ${String(e.code)}`, ...named].join(' ');
}

export function describeDbError(error: unknown): string {
  // A wrapper whose cause is a failed query (a batch runner rethrowing, say) is described by that query.
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (e !== error && isDrizzleQueryError(e)) return `${(error as Error).name} caused by ${describeDbError(e)}`;
  }
  if (isDrizzleQueryError(error)) {
    const cause = isPgError(error.cause) ? pgPart(error.cause) : error.cause instanceof Error ? error.cause.name : 'no cause';
    return `DrizzleQueryError (${cause}) in query "${queryHead(error.query)} …" (${error.params.length} params, not logged)\n${frames(error)}`;
  }
  if (isPgError(error)) return `${error.name} (${pgPart(error)})\n${frames(error)}`;
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
