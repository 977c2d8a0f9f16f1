// Everything one `pnpm bench` run shares: services, the web app and worker processes, the
// bench tenants, and helpers to read Postgres and Redis counters.
import pg from 'pg';
import type { Redis } from 'ioredis';
import { createDatabase, type DatabaseHandle } from '@baton/db';
import { QueueClient, createRedis, isCluster, type RedisClient } from '@baton/queue';
// @ts-expect-error plain ESM helper shared with the dev script
import { freePort } from '../../scripts/services/free-port.mjs';
import { startServices, type Services } from './services';
import { buildWeb, startWebProcess, startWorkerProcess, type AppEnv, type Child } from './processes';
import { ensureWorkerBuild } from '../../apps/worker/build.mjs';
import { ensureServerBuild } from '../../apps/web/build-server.mjs';
import { createBenchWorkspace, type BenchWorkspace } from './workspaces';
import { machineLoad } from './machine';
import type { ProcessIds } from './cpu-time';

export type BenchContext = {
  services: Services;
  app: AppEnv;
  db: DatabaseHandle;
  pool: pg.Pool;
  /** The bench's own Redis client: the single server, or a cluster client when the apps use the cluster. */
  redis: RedisClient;
  queues: QueueClient;
  queueConnection: RedisClient;
  /** Whether the apps run on the local Redis Cluster (BENCH_REDIS_CLUSTER=1). */
  cluster: boolean;
  baseUrl: string;
  web: Child;
  /** The first worker process (BENCH_WORKERS starts more: `workers`). */
  worker: Child;
  workers: Child[];
  /** Process ids for CPU accounting: every worker, every Redis node. */
  pids: () => ProcessIds;
  /** Tenants for routing load (their wait is 1 hour, so every routed conversation leaves a pending wait). */
  tenants: BenchWorkspace[];
  log: (m: string) => void;
  loads: ReturnType<typeof machineLoad>[];
  profileDir?: string;
  restartWorker: (opts?: { cpuProfDir?: string }) => Promise<void>;
};

/**
 * `workers` (BENCH_WORKERS, default 1) worker processes; `cluster` (BENCH_REDIS_CLUSTER=1): the
 * apps and the bench use a local 3-master Redis Cluster instead of the single Redis.
 */
export async function createContext(opts: {
  tenants: number;
  log: (m: string) => void;
  profileDir?: string;
  workers?: number;
  cluster?: boolean;
  /** WORKER_QUEUES per worker process, e.g. ['events,deliveries', 'waits,sla'] (BENCH_WORKER_QUEUES, ';'-separated). */
  workerQueues?: string[];
}): Promise<BenchContext> {
  const { log } = opts;
  const workerQueues = opts.workerQueues ?? (process.env.BENCH_WORKER_QUEUES ? process.env.BENCH_WORKER_QUEUES.split(';') : undefined);
  const workerCount = Math.max(1, workerQueues?.length ?? opts.workers ?? Number(process.env.BENCH_WORKERS ?? 1));
  const cluster = opts.cluster ?? process.env.BENCH_REDIS_CLUSTER === '1';
  buildWeb(log);
  await ensureServerBuild(log);
  await ensureWorkerBuild(log);
  const services = await startServices(log, { cluster });
  const app: AppEnv = {
    DATABASE_URL: services.pgUrl,
    REDIS_URL: services.redisUrl,
    BATON_QUEUE_PREFIX: 'bench',
    ...(services.clusterNodes ? { REDIS_CLUSTER_NODES: services.clusterNodes } : {}),
  };
  const db = createDatabase(services.pgUrl, { max: 24, applicationName: 'baton-bench' });
  const redis = createRedis(services.redisUrl, 'baton-bench', services.clusterNodes ?? '');
  const queueConnection = createRedis(services.redisUrl, 'baton-bench-queues', services.clusterNodes ?? '');
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
    cluster: Boolean(services.clusterNodes),
    baseUrl: `http://127.0.0.1:${port}`,
    web,
    worker: undefined as unknown as Child, // set below with `workers`
    workers: Array.from({ length: workerCount }, (_, i) =>
      startWorkerProcess(app, log, {
        cpuProfDir: opts.profileDir ? `${opts.profileDir}/worker${i || ''}` : undefined,
        queues: workerQueues?.[i],
      }),
    ),
    pids: () => ({ web: ctx.web.pid, worker: ctx.workers.map((w) => w.pid), ...ctx.services.pids() }),
    tenants,
    log,
    loads: [],
    profileDir: opts.profileDir,
    restartWorker: async (o = {}) => {
      await ctx.worker.stop();
      ctx.worker = startWorkerProcess(app, log, o);
      ctx.workers[0] = ctx.worker;
      await new Promise((r) => setTimeout(r, 1500));
    },
  };
  ctx.worker = ctx.workers[0]!;
  await new Promise((r) => setTimeout(r, 1500));
  log(
    `[bench] web on ${ctx.baseUrl} (pid ${web.pid}), worker pid ${ctx.workers.map((w) => w.pid).join(', ')}, ${tenants.length} tenants${ctx.cluster ? ', Redis Cluster' : ''}`,
  );
  return ctx;
}

export async function closeContext(ctx: BenchContext) {
  await ctx.web.stop();
  await Promise.all(ctx.workers.map((w) => w.stop()));
  await ctx.queues.close();
  ctx.queueConnection.disconnect();
  ctx.redis.disconnect();
  await ctx.db.close();
  await ctx.services.stop();
}

/** The servers behind a client: the single Redis, or every master of a cluster. */
export function redisServers(redis: RedisClient): Redis[] {
  return isCluster(redis) ? redis.nodes('master') : [redis];
}

/** Redis commands by name since start (INFO commandstats), summed over every cluster master. */
export async function redisCommandCounts(redis: RedisClient): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const server of redisServers(redis)) {
    const info = await server.info('commandstats');
    for (const m of info.matchAll(/cmdstat_([^:]+):calls=(\d+)/g)) out[m[1]!] = (out[m[1]!] ?? 0) + Number(m[2]);
  }
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

/** used_memory, summed over every cluster master. */
export async function redisUsedMemory(redis: RedisClient): Promise<number> {
  let bytes = 0;
  for (const server of redisServers(redis)) bytes += Number(/used_memory:(\d+)/.exec(await server.info('memory'))![1]);
  return bytes;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
