// Starts a throwaway Postgres and Redis for a test run unless DATABASE_URL / REDIS_URL
// point at running ones (scripts/test-all.mjs starts them once for all suites).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
// @ts-expect-error plain ESM helpers shared with the dev script
import { startPostgres } from '../services/postgres.mjs';
// @ts-expect-error plain ESM helpers shared with the dev script
import { startRedis } from '../services/redis.mjs';
// @ts-expect-error plain ESM helpers shared with the dev script
import { freePort } from '../services/free-port.mjs';
import { createDatabase } from '../../packages/db/src/client';
import { migrateDatabase } from '../../packages/db/src/system/migrate';
import { ensureWorkerBuild } from '../../apps/worker/build.mjs';

export default async function setup() {
  // Test receivers listen on 127.0.0.1 (the SSRF guard refuses that in production).
  process.env.BATON_ALLOW_PRIVATE_OUTBOUND ??= '1';
  const stops: Array<() => Promise<void>> = [];
  let dir: string | null = null;
  if (!process.env.DATABASE_URL || !process.env.REDIS_URL) {
    dir = mkdtempSync(path.join(tmpdir(), 'baton-test-'));
    chmodSync(dir, 0o755); // the postgres user must reach its data directory inside
  }
  if (!process.env.DATABASE_URL) {
    const pgDir = path.join(dir!, 'pg');
    const server = await startPostgres({ dataDir: pgDir, port: await freePort(), database: 'baton_test', persistent: false });
    process.env.DATABASE_URL = server.url;
    stops.push(server.stop);
  }
  if (!process.env.REDIS_URL) {
    const server = await startRedis({ dir: path.join(dir!, 'redis'), port: await freePort() });
    process.env.REDIS_URL = server.url;
    stops.push(server.stop);
  }
  // The built worker (apps/worker/dist) that the int tests' worker processes run, once, before
  // any of them starts it (start.mjs would build a missing or stale one too, each on its own).
  await ensureWorkerBuild();
  // Migrate once per run; a lock keeps concurrent setups (several projects) from racing.
  const handle = createDatabase(process.env.DATABASE_URL!, { max: 2 });
  const client = await handle.pool.connect();
  try {
    await client.query('select pg_advisory_lock(424242)');
    await migrateDatabase(handle.db);
    await client.query('select pg_advisory_unlock(424242)');
  } finally {
    client.release();
    await handle.close();
  }
  return async () => {
    for (const stop of stops.reverse()) await stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}
