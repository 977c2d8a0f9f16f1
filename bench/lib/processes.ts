// The real web app (server.ts — Next behind the ingestion fast path — on a build in .next-bench) and the real worker, as child
// processes so their CPU, RSS and profiles are their own.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const webDir = path.join(root, 'apps/web');
const workerDir = path.join(root, 'apps/worker');

// Random per run: the production server and worker refuse known or shared secrets. The key is
// set on this process too, because the bench creates its workspaces (and their encrypted
// channel secrets) in-process and the children must decrypt them.
process.env.BATON_SECRET_KEY ??= randomBytes(32).toString('hex');
const sessionSecret = randomBytes(32).toString('hex');

export type Child = { name: string; proc: ChildProcess; pid: number; stop: () => Promise<void> };

function startChild(name: string, cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, log: (m: string) => void): Child {
  const proc = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let tail = '';
  const keep = (d: Buffer) => {
    tail = (tail + d.toString()).slice(-4000);
    if (process.env.BENCH_VERBOSE) process.stderr.write(`[${name}] ${d}`);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  let stopping = false;
  proc.on('exit', (code) => {
    if (!stopping) log(`[bench] ${name} exited with ${code}:\n${tail}`);
  });
  return {
    name,
    proc,
    pid: proc.pid!,
    stop: async () => {
      if (stopping || proc.exitCode !== null) return;
      stopping = true;
      const exited = new Promise((r) => proc.once('exit', r));
      try {
        process.kill(proc.pid!, 'SIGTERM');
      } catch {
        /* gone */
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 8000))]);
      try {
        process.kill(-proc.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    },
  };
}

export type AppEnv = { DATABASE_URL: string; REDIS_URL: string; BATON_QUEUE_PREFIX: string; REDIS_CLUSTER_NODES?: string };

export function workerEnv(app: AppEnv): NodeJS.ProcessEnv {
  // AUTO_AWAY_AFTER_MINUTES=0: the bench's agents are online by fiat and send no heartbeats;
  // after the default 10 minutes the idle sweep set them away and a later section's routing
  // found nobody to assign (the scale-out section's second pass, 2026-12-03).
  return { ...process.env, ...app, AUTO_AWAY_AFTER_MINUTES: process.env.AUTO_AWAY_AFTER_MINUTES ?? '0', WORKER_CONCURRENCY: process.env.BENCH_WORKER_CONCURRENCY ?? '50', ...(process.env.BENCH_WORKER_IN_FLIGHT ? { BATON_GROUP_COMMIT_IN_FLIGHT: process.env.BENCH_WORKER_IN_FLIGHT } : {}) };
}

/**
 * The worker as production runs it (`pnpm --filter @baton/worker start`: start.mjs, the bundle in
 * apps/worker/dist), its own node process, so its pid is the one to measure. The bench builds it
 * before the first start (context.ts) when a source changed (apps/worker/build.mjs).
 */
export function startWorkerProcess(app: AppEnv, log: (m: string) => void, opts: { cpuProfDir?: string; queues?: string } = {}): Child {
  const flags = [...extraNodeFlags(), ...(opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [])];
  // `queues`: WORKER_QUEUES of this process (e.g. 'waits,sla' for a timer process).
  const env = { ...workerEnv(app), ...(opts.queues ? { WORKER_QUEUES: opts.queues } : {}) };
  return startChild('worker', process.execPath, [...flags, 'start.mjs'], workerDir, env, log);
}

const DIST = '.next-bench';

/** BENCH_NODE_FLAGS="--trace-gc …": node flags for web and worker (profiling; NODE_OPTIONS refuses some). */
function extraNodeFlags(): string[] {
  return (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
}

/**
 * Newest modification time of anything the web build compiles. A stale build measured
 * against a newer worker once routed every event through the 2 s outbox relay (the queue
 * names had changed), so reuse is only safe when no source is newer than the build.
 */
function newestSource(): number {
  const roots = [path.join(webDir, 'src'), ...['engine', 'db', 'queue'].map((p) => path.join(webDir, '../../packages', p, 'src'))];
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const root of roots) if (existsSync(root)) walk(root);
  return newest;
}

/** Builds the web app into its own folder unless a build newer than the sources is there. */
export function buildWeb(log: (m: string) => void) {
  const marker = path.join(webDir, DIST, 'BUILD_ID');
  if (existsSync(marker) && !process.env.BENCH_REBUILD && newestSource() < statSync(marker).mtimeMs) {
    const age = (Date.now() - statSync(marker).mtimeMs) / 60_000;
    log(`[bench] reusing the web build in apps/web/${DIST} (${age.toFixed(0)} min old; BENCH_REBUILD=1 to rebuild)`);
    return;
  }
  log('[bench] building the web app into apps/web/.next-bench …');
  const res = spawnSync(path.join(webDir, 'node_modules/.bin/next'), ['build'], {
    cwd: webDir,
    env: { ...process.env, NODE_ENV: 'production', NEXT_DIST_DIR: DIST },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`next build failed:\n${(res.stdout + res.stderr).slice(-3000)}`);
}

export async function startWebProcess(app: AppEnv, port: number, log: (m: string) => void, opts: { cpuProfDir?: string } = {}): Promise<Child> {
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...app,
    NODE_ENV: 'production',
    NEXT_DIST_DIR: DIST,
    NEXTAUTH_URL: baseUrl,
    NEXTAUTH_SECRET: sessionSecret,
    BATON_URL: baseUrl,
    // The per-API-key limit (1200/min by default) is product policy, not capacity: at 200/s
    // over 8 keys it answered 429 to a share of the load and "handled" measured the limiter.
    // Raised far above any rate here rather than switched off, so its Redis call is still paid.
    RATE_LIMIT_API: process.env.BENCH_RATE_LIMIT_API ?? '10000000/60',
  };
  if (opts.cpuProfDir) mkdirSync(opts.cpuProfDir, { recursive: true });
  const flags = [...extraNodeFlags(), ...(opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [])];
  // The production server (`pnpm --filter @baton/web start`: start-server.mjs, server.ts bundled in
  // dist/server.mjs — built before by context.ts), with node flags of our own.
  const child = startChild('web', process.execPath, [...flags, 'start-server.mjs', '-p', String(port), '-H', '127.0.0.1'], webDir, env, log);
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/api/v1/openapi.json`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error('web app did not come up in 60 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  return child;
}
