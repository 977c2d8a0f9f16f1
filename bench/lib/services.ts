// The bench's own Postgres (durable: fsync on, as in production) and Redis (AOF on,
// noeviction, as in production), on free ports, in a throwaway directory.
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
// @ts-expect-error plain ESM helpers shared with the dev script
import { startPostgres } from '../../scripts/services/postgres.mjs';
// @ts-expect-error plain ESM helpers shared with the dev script
import { startRedis } from '../../scripts/services/redis.mjs';
// @ts-expect-error plain ESM helpers shared with the dev script
import { freePort } from '../../scripts/services/free-port.mjs';
// @ts-expect-error plain ESM helpers shared with the dev script
import { startRedisCluster } from '../../scripts/services/redis-cluster.mjs';
import { createDatabase, migrateDatabase } from '@baton/db';

export type Services = {
  dir: string;
  pgUrl: string;
  pgPort: number;
  redisUrl: string;
  redisPort: number;
  /** With `cluster`: a local 3-master Redis Cluster (AOF every second, like the single Redis) the apps use instead. */
  clusterNodes?: string;
  adminUrl: (database: string) => string;
  /** Redis: the single server, or every cluster node when the apps use the cluster. */
  pids: () => { postmaster: number; redis: number | number[] };
  stop: () => Promise<void>;
};

export async function startServices(log: (m: string) => void, opts: { cluster?: boolean } = {}): Promise<Services> {
  if (process.env.DATABASE_URL || process.env.REDIS_URL) {
    throw new Error('pnpm bench starts its own Postgres and Redis: unset DATABASE_URL / REDIS_URL');
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'baton-bench-'));
  chmodSync(dir, 0o755);
  const pgPort: number = await freePort();
  const pgDir = path.join(dir, 'pg');
  let server = await startPostgres({ dataDir: pgDir, port: pgPort, database: 'baton_bench', persistent: true });
  // Commit timestamps let us read when each assignment and each resumed wait committed,
  // on the same clock as the load generator, without polling.
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('alter system set track_commit_timestamp = on');
  await admin.query("alter system set shared_buffers = '512MB'");
  // WAL files are recycled at checkpoints, up to min_wal_size (see prewarmWal below).
  if (process.env.BENCH_WAL_PREWARM !== '0') await admin.query("alter system set min_wal_size = '1GB'");
  // Experiments only: BENCH_PG_SETTINGS="autovacuum=off;work_mem=8MB".
  for (const kv of (process.env.BENCH_PG_SETTINGS ?? '').split(';').filter(Boolean)) {
    const [k, v] = kv.split('=');
    await admin.query(`alter system set ${pg.escapeIdentifier(k!.trim())} = ${pg.escapeLiteral(v!.trim())}`);
  }
  if (process.env.BENCH_PG_STATEMENTS) {
    // Profiling only (`BENCH_PG_STATEMENTS=1`): per-statement plan and execution time.
    await admin.query("alter system set shared_preload_libraries = 'pg_stat_statements'");
    await admin.query('alter system set pg_stat_statements.track_planning = on');
    // Statements run inside triggers too (foreign-key checks, plpgsql), and each function's own time.
    if (process.env.BENCH_PG_NESTED) {
      await admin.query("alter system set pg_stat_statements.track = 'all'");
      await admin.query("alter system set track_functions = 'pl'");
    }
    if (process.env.BENCH_PG_EXPLAIN) {
      await admin.query("alter system set shared_preload_libraries = pg_stat_statements, auto_explain");
      await admin.query(`alter system set auto_explain.log_min_duration = '${process.env.BENCH_PG_EXPLAIN}ms'`);
      await admin.query('alter system set auto_explain.log_analyze = on');
      await admin.query('alter system set auto_explain.log_triggers = on');
      await admin.query(`alter system set auto_explain.sample_rate = ${Number(process.env.BENCH_PG_EXPLAIN_SAMPLE ?? 0.05)}`);
    }
  }
  await admin.end();
  await server.stop();
  server = await startPostgres({ dataDir: pgDir, port: pgPort, database: 'baton_bench', persistent: true });
  log(`[bench] postgres on ${pgPort} (fsync on, synchronous_commit on)`);

  const redisPort: number = await freePort();
  const redis = await startRedis({ dir: path.join(dir, 'redis'), port: redisPort, persistent: true });
  log(`[bench] redis on ${redisPort} (appendonly yes, appendfsync everysec, noeviction)`);

  type Cluster = { nodes: string; pids: () => number[]; stop: () => Promise<void> };
  const cluster: Cluster | null = opts.cluster
    ? await startRedisCluster({ dir: path.join(dir, 'cluster'), persistent: true, log })
    : null;
  if (cluster) log(`[bench] redis cluster ${cluster.nodes} (3 masters, appendonly yes, appendfsync everysec)`);

  const handle = createDatabase(server.url, { max: 2, applicationName: 'baton-bench-migrate' });
  await migrateDatabase(handle.db);
  await handle.close();
  if (process.env.BENCH_WAL_PREWARM !== '0') await prewarmWal(server.url, log);

  return {
    dir,
    pgUrl: server.url,
    pgPort,
    redisUrl: redis.url,
    redisPort,
    ...(cluster ? { clusterNodes: cluster.nodes } : {}),
    adminUrl: (database) => server.url.replace(/\/[^/]+$/, `/${database}`),
    pids: () => ({
      postmaster: Number(readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]),
      redis: cluster ? cluster.pids() : Number(readFileSync(path.join(dir, 'redis', 'redis.pid'), 'utf8').trim()),
    }),
    stop: async () => {
      await cluster?.stop();
      await redis.stop();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function createDatabaseNamed(url: string, name: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const exists = await c.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await c.query(`create database "${name}"`);
  await c.end();
}

/**
 * A database that has been running writes its WAL into segment files recycled at checkpoints.
 * A fresh cluster has none: every 16 MB of WAL (~3 s at 500 conversations/s) a backend creates,
 * zero-fills and fsyncs a new segment while holding the WAL write lock, and every commit waits
 * (IO:WalInitWrite; ~150–300 ms spikes every few seconds in a 60 s round). So the bench fills
 * WAL_PREWARM_SEGMENTS segments once and checkpoints: with min_wal_size = 1GB they are kept,
 * renamed, as the segments the rounds will write into — the state of a database in service.
 * BENCH_WAL_PREWARM=0 measures a fresh cluster instead.
 */
async function prewarmWal(url: string, log: (m: string) => void) {
  const segments = Number(process.env.BENCH_WAL_PREWARM_SEGMENTS ?? 48);
  const started = Date.now();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('create unlogged table if not exists bench_wal_prewarm (n int)');
    for (let i = 0; i < segments; i++) {
      // A logged write, so pg_switch_wal() has something to close the segment on.
      await c.query("select pg_logical_emit_message(false, 'bench', 'prewarm'), pg_switch_wal()");
    }
    await c.query('checkpoint');
    await c.query('drop table bench_wal_prewarm');
    const files = await c.query("select count(*)::int as n from pg_ls_waldir()");
    log(`[bench] WAL prewarmed: ${segments} segments written and recycled (${files.rows[0].n} files in pg_wal, ${Date.now() - started} ms)`);
  } finally {
    await c.end();
  }
}
