// Everything one `pnpm bench` run shares: services, the web app and worker processes, the
// bench tenants, and helpers to read Postgres and Redis counters.
import pg from 'pg';
import type { Redis } from 'ioredis';
import { createDatabase, type DatabaseHandle } from '@baton/db';
import { QueueClient, createRedis } from '@baton/queue';
// @ts-expect-error plain ESM helper shared with the dev script
import { freePort } from '../../scripts/services/free-port.mjs';
import { startServices, type Services } from './services';
import { buildWeb, startWebProcess, startWorkerProcess, type AppEnv, type Child } from './processes';
import { createBenchWorkspace, type BenchWorkspace } from './workspaces';
import { machineLoad } from './machine';

export type BenchContext = {
  services: Services;
  app: AppEnv;
  db: DatabaseHandle;
  pool: pg.Pool;
  redis: Redis;
  queues: QueueClient;
  queueConnection: Redis;
  baseUrl: string;
  web: Child;
  worker: Child;
  /** Tenants for routing load (their wait is 1 hour, so every routed conversation leaves a pending wait). */
  tenants: BenchWorkspace[];
  log: (m: string) => void;
  loads: ReturnType<typeof machineLoad>[];
  profileDir?: string;
  restartWorker: (opts?: { cpuProfDir?: string }) => Promise<void>;
};

export async function createContext(opts: { tenants: number; log: (m: string) => void; profileDir?: string }): Promise<BenchContext> {
  const { log } = opts;
  buildWeb(log);
  const services = await startServices(log);
  const app: AppEnv = { DATABASE_URL: services.pgUrl, REDIS_URL: services.redisUrl, BATON_QUEUE_PREFIX: 'bench' };
  const db = createDatabase(services.pgUrl, { max: 24, applicationName: 'baton-bench' });
  const redis = createRedis(services.redisUrl, 'baton-bench');
  const queueConnection = createRedis(services.redisUrl, 'baton-bench-queues');
  const queues = new QueueClient(queueConnection, app.BATON_QUEUE_PREFIX);
  const tenants: BenchWorkspace[] = [];
  for (let i = 0; i < opts.tenants; i++) tenants.push(await createBenchWorkspace(db.db, { amount: 1, unit: 'hours' }));
  const port: number = await freePort();
  const webProf = opts.profileDir ? `${opts.profileDir}/web` : undefined;
  const web = await startWebProcess(app, port, log, { cpuProfDir: webProf });
  const ctx: BenchContext = {
    services,
    app,
    db,
    pool: db.pool,
    redis,
    queues,
    queueConnection,
    baseUrl: `http://127.0.0.1:${port}`,
    web,
    worker: startWorkerProcess(app, log, { cpuProfDir: opts.profileDir ? `${opts.profileDir}/worker` : undefined }),
    tenants,
    log,
    loads: [],
    profileDir: opts.profileDir,
    restartWorker: async (o = {}) => {
      await ctx.worker.stop();
      ctx.worker = startWorkerProcess(app, log, o);
      await new Promise((r) => setTimeout(r, 1500));
    },
  };
  await new Promise((r) => setTimeout(r, 1500));
  log(`[bench] web on ${ctx.baseUrl} (pid ${web.pid}), worker pid ${ctx.worker.pid}, ${tenants.length} tenants`);
  return ctx;
}

export async function closeContext(ctx: BenchContext) {
  await ctx.web.stop();
  await ctx.worker.stop();
  await ctx.queues.close();
  ctx.queueConnection.disconnect();
  ctx.redis.disconnect();
  await ctx.db.close();
  await ctx.services.stop();
}

/** Redis commands by name since start (INFO commandstats). */
export async function redisCommandCounts(redis: Redis): Promise<Record<string, number>> {
  const info = await redis.info('commandstats');
  const out: Record<string, number> = {};
  for (const m of info.matchAll(/cmdstat_([^:]+):calls=(\d+)/g)) out[m[1]!] = Number(m[2]);
  return out;
}

export function diffCounts(after: Record<string, number>, before: Record<string, number>) {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) if (v - (before[k] ?? 0) > 0) out[k] = v - (before[k] ?? 0);
  return out;
}

/** Committed transactions in the bench database so far (pg_stat_database). */
export async function pgCommits(pool: pg.Pool): Promise<number> {
  const c = await pool.connect();
  try {
    await c.query('select pg_stat_clear_snapshot()');
    const { rows } = await c.query('select xact_commit::bigint as n from pg_stat_database where datname = current_database()');
    return Number(rows[0].n);
  } finally {
    c.release();
  }
}

export async function redisUsedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
