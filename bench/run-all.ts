// `pnpm bench`: starts its own Postgres and Redis, the real web app and worker, runs every
// benchmark, writes bench/results/latest.json and BENCHMARKS.md. BENCH_SCALE=small for a
// smoke run; `--only routing,timers,...` to run a subset (the report shows what ran).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createContext, closeContext, type BenchContext } from './lib/context';
import { machineInfo, machineLoad } from './lib/machine';
import { SCALE, SIZES } from './lib/scale';
import { root } from './lib/processes';
import * as routing from './routing-throughput';
import * as timers from './timer-precision';
import * as alternatives from './queue-alternatives';
import * as physical from './physical-bound';
import * as fairness from './fairness';
import * as builder from './builder-canvas';
import * as queue from './queue-drain';
import * as sla from './sla-clocks';
import * as simulate from './simulate';
import * as scaleout from './scale-out';
import { writeReport } from './report';

const benches = { routing, timers, alternatives, physical, fairness, builder, queue, sla, simulate, scaleout } as const;
type Name = keyof typeof benches;

const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
// The machine's own bounds are measured first, on a quiet machine, so every later figure can be
// stated relative to them (report.ts, "Relative to this machine").
const selected = ((onlyArg ? onlyArg.split(',') : Object.keys(benches)) as Name[]).sort((a, b) => Number(b === 'physical') - Number(a === 'physical'));
const started = Date.now();
const log = (m: string) => console.log(`${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s ${m}`);

function versionOf(pkg: string) {
  for (const dir of ['node_modules', 'apps/web/node_modules', 'node_modules/.pnpm/node_modules']) {
    try {
      return JSON.parse(readFileSync(path.join(root, dir, pkg, 'package.json'), 'utf8')).version as string;
    } catch {
      /* next place */
    }
  }
  return 'unknown';
}

async function main() {
  log(`[bench] scale ${SCALE}: ${JSON.stringify(SIZES)}`);
  const loadAtStart = machineLoad('before start');
  const ctx: BenchContext = await createContext({ tenants: SIZES.workspaces, log, profileDir: process.env.BENCH_PROFILE_DIR });
  const results: Record<string, unknown> = {};
  try {
    const pgVersion = (await ctx.pool.query('show server_version')).rows[0].server_version;
    const redisInfo = await ctx.redis.info('server');
    const settings = (await ctx.pool.query("select name, setting from pg_settings where name in ('fsync','synchronous_commit','shared_buffers','max_connections','wal_level','track_commit_timestamp')")).rows;
    results.machine = machineInfo({
      postgres: pgVersion,
      postgresSettings: Object.fromEntries(settings.map((s) => [s.name, s.setting])),
      redis: /redis_version:(\S+)/.exec(redisInfo)![1]!,
      redisPersistence: 'appendonly yes, appendfsync everysec, maxmemory-policy noeviction',
      bullmq: versionOf('bullmq'),
      ioredis: versionOf('ioredis'),
      pgBoss: versionOf('pg-boss'),
      graphileWorker: versionOf('graphile-worker'),
      next: versionOf('next'),
      workerConcurrency: process.env.BENCH_WORKER_CONCURRENCY ?? '50',
    });
    for (const name of selected) {
      const t0 = Date.now();
      log(`[bench] ── ${name} ──`);
      ctx.loads.push(machineLoad(`${name}: start`));
      try {
        results[name] = { ...(await benches[name].run(ctx)), seconds: Math.round((Date.now() - t0) / 1000) };
      } catch (err) {
        log(`[bench] ${name} failed: ${(err as Error).stack}`);
        results[name] = { error: (err as Error).message };
      }
    }
  } finally {
    ctx.loads.push(machineLoad('end'));
    await closeContext(ctx);
  }
  const dir = path.join(root, 'bench/results');
  const file = SCALE === 'small' ? 'latest-small.json' : 'latest.json';
  // `--only=…` re-measures some sections and keeps the others from the last run of this scale.
  const previous = onlyArg && existsSync(path.join(dir, file)) ? JSON.parse(readFileSync(path.join(dir, file), 'utf8')) : {};
  const sectionTimes = { ...(previous.sectionRuns ?? {}), ...Object.fromEntries(selected.map((n) => [n, new Date(started).toISOString()])) };
  const out = {
    ...previous,
    sectionRuns: sectionTimes,
    scale: SCALE,
    sizes: SIZES,
    startedAt: new Date(started).toISOString(),
    totalSeconds: Math.round((Date.now() - started) / 1000),
    machineLoad: [...(previous.machineLoad ?? []), loadAtStart, ...ctx.loads],
    ...results,
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, file), JSON.stringify(out, null, 2) + '\n');
  // A smoke run never overwrites the report of a full run.
  const full = existsSync(path.join(dir, 'latest.json'));
  writeReport(out, path.join(root, SCALE === 'small' && full ? 'bench/results/BENCHMARKS-small.md' : 'BENCHMARKS.md'));
  log(`[bench] wrote bench/results/${file} and the report (${out.totalSeconds} s)`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
