import 'server-only';
import { createDatabase, type Database, type DatabaseHandle } from '@baton/db';

// One pool per server process; Next may evaluate this module more than once in dev.
const globalForDb = globalThis as unknown as { batonDb?: DatabaseHandle };

export function getDb(): Database {
  if (!globalForDb.batonDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set');
    globalForDb.batonDb = createDatabase(url, { max: Number(process.env.DB_POOL_SIZE ?? 20), applicationName: 'baton-web' });
  }
  return globalForDb.batonDb.db;
}
