import 'server-only';
import { createDatabase, poolTimeoutsFromEnv, type Database, type DatabaseHandle } from '@baton/db';

// One pool per server process; Next may evaluate this module more than once in dev.
const globalForDb = globalThis as unknown as { batonDb?: DatabaseHandle };

export function getDb(): Database {
  if (!globalForDb.batonDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set');
    globalForDb.batonDb = createDatabase(url, {
      max: Number(process.env.DB_POOL_SIZE ?? 20),
      applicationName: 'baton-web',
      // A request's queries take milliseconds; one that runs for seconds is refused rather
      // than left to hold one of the 20 connections every tenant shares.
      ...poolTimeoutsFromEnv({ statementTimeoutMs: 5_000, idleInTransactionTimeoutMs: 10_000 }),
    });
  }
  return globalForDb.batonDb.db;
}
