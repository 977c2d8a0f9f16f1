// `pnpm chaos`: N conversations (10k × CHAOS_SCALE) through the seed workflow with short
// waits, against real processes — CHAOS_WEB (2) web and CHAOS_WORKERS (3) worker processes on
// one Postgres and Redis, each worker SIGKILLed every 10–30 s and each web every 60 s on its own
// schedule (senders spread over the webs and retry on another when one is down),
// Redis (AOF on) restarted once, Postgres restarted once, and Redis flushed entirely once.
// Then the invariant queries (chaos/invariants.ts), wait lateness around each outage and the
// reconciler's rebuild time after the flush → chaos/results/latest.json and CHAOS.md.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import { createDatabase, migrateDatabase } from '@baton/db';
// @ts-expect-error plain ESM helpers shared with the dev script
import { startPostgres } from '../scripts/services/postgres.mjs';
// @ts-expect-error plain ESM helpers shared with the dev script
import { startRedis } from '../scripts/services/redis.mjs';
// @ts-expect-error plain ESM helpers shared with the dev script
import { freePort } from '../scripts/services/free-port.mjs';
import { createChaosWorkspace } from './chaos-workspace';
import { KillableProcess } from './killable-process';
import { checkInvariants, waitLateness } from './invariants';
import { writeChaosReport } from './write-chaos-report';
import { ensureWorkerBuild } from '../apps/worker/build.mjs';
import { ensureServerBuild } from '../apps/web/build-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scale = Number(process.env.CHAOS_SCALE ?? 1);
const N = Math.max(20, Math.round(10_000 * scale));
const WAIT_SECONDS = Number(process.env.CHAOS_WAIT_SECONDS ?? 5);
const RATE = Number(process.env.CHAOS_RATE ?? 60); // conversations per second offered
const MIN_SECONDS = Number(process.env.CHAOS_MIN_SECONDS ?? 130); // long enough for every fault
const ingestMs = Math.max((N / RATE) * 1000, MIN_SECONDS * 1000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (m: string) => console.log(`[chaos ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
const t0 = Date.now();

const work = mkdtempSync(path.join(tmpdir(), 'baton-chaos-'));
chmodSync(work, 0o755);
const pgPort = await freePort();
const redisPort = await freePort();
const WEBS = Math.max(1, Number(process.env.CHAOS_WEB ?? 2));
const WORKERS = Math.max(1, Number(process.env.CHAOS_WORKERS ?? 3));
const webPorts: number[] = [];
for (let i = 0; i < WEBS; i++) webPorts.push(await freePort());
const webPort = webPorts[0]!;
const pgOpts = { dataDir: path.join(work, 'pg'), port: pgPort, database: 'baton_chaos', persistent: true };
const redisOpts = { dir: path.join(work, 'redis'), port: redisPort, persistent: true };
delete process.env.DATABASE_URL;
delete process.env.REDIS_URL;
let pg = await startPostgres(pgOpts);
let redisServer = await startRedis(redisOpts);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: pg.url,
  REDIS_URL: redisServer.url,
  NODE_ENV: 'production',
  NEXT_DIST_DIR: '.next-chaos',
  NEXTAUTH_URL: `http://127.0.0.1:${webPort}`,
  // Random per run (production refuses known secrets); the key is this process's too, since the
  // chaos workspace and its encrypted channel secret are created here.
  NEXTAUTH_SECRET: randomBytes(32).toString('hex'),
  BATON_SECRET_KEY: (process.env.BATON_SECRET_KEY ??= randomBytes(32).toString('hex')),
  BATON_QUEUE_PREFIX: 'chaos',
  RATE_LIMITS: 'off',
  RECONCILE_INTERVAL_MS: '1000',
  RECONCILE_GRACE_MS: '1000',
  // The agents here never sign in: on a slow machine a run outlasts the 10 minutes after which
  // idle members are set away, and work-follows-availability then moves their conversations —
  // correct behaviour, but not the one-assignment-per-conversation the invariants count.
  AUTO_AWAY_AFTER_MINUTES: '0',
};
const handle = createDatabase(pg.url, { max: 4, applicationName: 'baton-chaos' });
await migrateDatabase(handle.db);
const ws = await createChaosWorkspace(handle.db, WAIT_SECONDS);

if (!process.env.CHAOS_SKIP_BUILD || !existsSync(path.join(root, 'apps/web/.next-chaos'))) {
  log('building the web app (CHAOS_SKIP_BUILD=1 reuses apps/web/.next-chaos) …');
  const b = spawnSync('pnpm', ['--filter', '@baton/web', 'build'], { cwd: root, env, stdio: 'inherit' });
  if (b.status !== 0) throw new Error('next build failed');
}
mkdirSync(path.join(root, 'chaos/results'), { recursive: true });
// The production worker (`pnpm --filter @baton/worker start`: apps/worker/start.mjs, the bundle in
// apps/worker/dist), built once here rather than by three workers starting at once.
log(`worker: ${(await ensureWorkerBuild((m) => log(m))) ? 'built' : 'reusing'} apps/worker/dist`);
const workers = Array.from({ length: WORKERS }, (_, i) => new KillableProcess(`worker-${i}`, process.execPath, ['apps/worker/start.mjs'], { cwd: root, env, logFile: path.join(root, `chaos/results/worker-${i}.log`), readyLine: /\[worker\] taking jobs/ }));
// The production web server (`pnpm --filter @baton/web start`: start-server.mjs, server.ts bundled in
// apps/web/dist — Next behind the ingestion fast path), each its own node process so a SIGKILL hits it.
log(`web server: ${(await ensureServerBuild((m) => log(m))) ? 'built' : 'reusing'} apps/web/dist/server.mjs`);
const webs = webPorts.map((port, i) => new KillableProcess(`web-${i}`, process.execPath, ['start-server.mjs', '-p', String(port), '-H', '127.0.0.1'], { cwd: path.join(root, 'apps/web'), env, logFile: path.join(root, `chaos/results/web-${i}.log`), readyLine: /\[web\] ready on/ }));
for (const w of workers) w.start();
for (const w of webs) w.start();
const bases = webPorts.map((port) => `http://127.0.0.1:${port}`);
async function webAnswers(base: string) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/api/v1/openapi.json`)).ok) return;
    } catch {
      /* starting */
    }
    await sleep(250);
  }
  throw new Error(`web ${base} did not start`);
}
await Promise.all(bases.map(webAnswers));
log(`${WEBS} web, ${WORKERS} worker processes, Postgres :${pgPort}, Redis :${redisPort} (AOF on) up; ${N} conversations over ${(ingestMs / 1000).toFixed(0)} s, waits ${WAIT_SECONDS} s`);

function redisCommand(port: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`${command}\r\n`));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString());
    });
    socket.once('error', reject);
  });
}

type Outage = { kind: string; at: number; downMs: number; start: Date; end: Date };
const outages: Outage[] = [];
async function outage(kind: string, fn: () => Promise<void>) {
  const start = new Date();
  const at = Date.now() - t0;
  await fn();
  const end = new Date();
  outages.push({ kind, at, downMs: end.getTime() - start.getTime(), start, end });
  log(`${kind}: down ${end.getTime() - start.getTime()} ms`);
}

let done = false;
const faults: Promise<void>[] = [];
// Each worker: SIGKILL every 10–30 s, back 0.5–2 s later, independently of the others (two may be down at once).
for (const worker of workers)
  faults.push(
    (async () => {
      while (!done) {
        await sleep(10_000 + Math.random() * 20_000);
        if (done) break;
        await outage(`${worker.name} SIGKILL`, () => worker.restart(500 + Math.random() * 1500));
      }
    })(),
  );
// Each web: SIGKILL every 60 s, the first ones staggered; back when it answers again.
webs.forEach((web, i) =>
  faults.push(
    (async () => {
      await sleep((i * 60_000) / webs.length);
      while (!done) {
        await sleep(60_000);
        if (done) break;
        await outage(`${web.name} SIGKILL`, async () => {
          await web.restart(500);
          await webAnswers(bases[i]!).catch(() => {});
        });
      }
    })(),
  ),
);
// One each: Redis restart (AOF), Postgres restart, Redis flushed entirely.
let flush: { at: number; pendingWaits: number; rebuildMs: number | null; allFiredMs: number | null } | null = null;
faults.push(
  (async () => {
    await sleep(ingestMs * 0.3);
    await outage('Redis restart (AOF)', async () => {
      await redisServer.stop();
      await sleep(1000);
      redisServer = await startRedis(redisOpts);
    });
    await sleep(ingestMs * 0.25);
    await outage('Postgres restart', async () => {
      await pg.stop();
      await sleep(1000);
      pg = await startPostgres(pgOpts);
    });
    await sleep(ingestMs * 0.25);
    const pendingAtFlush = Number((await handle.pool.query(`select count(*) from workflow_runs where workspace_id = $1 and status = 'waiting'`, [ws.workspaceId])).rows[0].count);
    const flushedAt = Date.now();
    await redisCommand(redisPort, 'FLUSHALL');
    log(`Redis FLUSHALL with ${pendingAtFlush} waits pending`);
    flush = { at: flushedAt - t0, pendingWaits: pendingAtFlush, rebuildMs: null, allFiredMs: null };
    // Rebuilt = no wait is overdue any more (each lost timer was re-created and fired).
    const cutoff = new Date(flushedAt + 1000);
    for (;;) {
      await sleep(200);
      const overdue = Number((await handle.pool.query(`select count(*) from workflow_runs where workspace_id = $1 and status = 'waiting' and wake_at < now() - interval '200 milliseconds'`, [ws.workspaceId]).catch(() => ({ rows: [{ count: 1 }] }))).rows[0].count);
      if (overdue === 0 && flush.rebuildMs === null) flush.rebuildMs = Date.now() - flushedAt;
      const before = Number((await handle.pool.query(`select count(*) from workflow_runs where workspace_id = $1 and status = 'waiting' and wake_at <= $2`, [ws.workspaceId, cutoff]).catch(() => ({ rows: [{ count: 1 }] }))).rows[0].count);
      if (before === 0) {
        flush.allFiredMs = Date.now() - flushedAt;
        break;
      }
      if (Date.now() - flushedAt > 120_000) break;
    }
  })(),
);

// The customers: every message carries an externalId, so a sender retrying through an
// outage (connection refused, 5xx) can never open a second conversation.
let sent = 0;
let retries = 0;
const apiStart = Date.now();
async function send(i: number) {
  for (let attempt = 0; ; attempt++) {
    // Spread over the web processes (a load balancer's round robin); a retry goes to the next one.
    const base = bases[(i + attempt) % bases.length]!;
    try {
      const res = await fetch(`${base}/api/v1/channels/${ws.channelId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ws.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ contact: { externalId: `chaos-${i}`, name: `Customer ${i}` }, text: 'Hello, anyone there?', externalId: `chaos-msg-${i}` }),
        signal: AbortSignal.timeout(10_000),
      });
      if (res.status === 200 || res.status === 201) return;
    } catch {
      /* down */
    }
    retries++;
    await sleep(250);
  }
}
const inflight = new Set<Promise<void>>();
for (let i = 0; i < N; i++) {
  const p = send(i).then(() => void sent++);
  inflight.add(p);
  void p.finally(() => inflight.delete(p));
  if (inflight.size >= 20) await Promise.race(inflight);
  const due = apiStart + (i * ingestMs) / N;
  if (due > Date.now()) await sleep(due - Date.now());
}
await Promise.all(inflight);
log(`all ${sent} messages accepted (${retries} sender retries)`);
done = true;
await Promise.all(faults);
for (const w of workers) if (!w.running) w.start();

// Quiesce: every run completes (the last waits fire WAIT_SECONDS after the last message).
const settleStart = Date.now();
for (;;) {
  const r = await handle.pool.query(`select count(*) filter (where status <> 'completed')::int as open, count(*)::int as total from workflow_runs where workspace_id = $1`, [ws.workspaceId]).catch(() => null);
  if (r && r.rows[0].total >= N && r.rows[0].open === 0) break;
  if (Date.now() - settleStart > 180_000) break;
  await sleep(1000);
}
function startupSummary(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { count: sorted.length, p50Ms: at(0.5), p90Ms: at(0.9), maxMs: sorted.at(-1) ?? 0, minMs: sorted[0] ?? 0 };
}
const report = await checkInvariants(handle.pool, ws.workspaceId, { waitMs: WAIT_SECONDS * 1000, graceMs: 5000 });
const outageLateness = [];
for (const o of outages) {
  outageLateness.push({ kind: o.kind, atS: Math.round(o.at / 1000), downMs: o.downMs, waitsDueDuringOutage: await waitLateness(handle.pool, ws.workspaceId, WAIT_SECONDS * 1000, o.start, new Date(o.end.getTime() + 2000)) });
}
const result = {
  ranAt: new Date().toISOString(),
  conversations: N,
  waitSeconds: WAIT_SECONDS,
  ingestSeconds: Math.round(ingestMs / 1000),
  totalSeconds: Math.round((Date.now() - t0) / 1000),
  senderRetries: retries,
  processes: { web: WEBS, worker: WORKERS },
  kills: { worker: workers.reduce((n, w) => n + w.kills, 0), web: webs.reduce((n, w) => n + w.kills, 0) },
  invariants: report,
  outages: outageLateness,
  redisFlush: flush,
  // Spawn → "taking jobs" (worker) / "ready on" (web) of every restart after a SIGKILL (the first starts, all at once, apart).
  restartMs: { worker: startupSummary(workers.flatMap((w) => w.startups.slice(1))), web: startupSummary(webs.flatMap((w) => w.startups.slice(1))) },
};
writeFileSync(path.join(root, 'chaos/results/latest.json'), JSON.stringify(result, null, 2) + '\n');
writeChaosReport(path.join(root, 'CHAOS.md'), result);
log(`invariants ${report.ok ? 'hold' : 'VIOLATED'}: ${JSON.stringify(report.violations)}`);
log(`wait lateness overall p50 ${report.lateness.p50Ms} ms, p99 ${report.lateness.p99Ms} ms, max ${report.lateness.maxMs} ms`);

for (const w of workers) w.kill('SIGTERM');
for (const w of webs) w.kill('SIGTERM');
await handle.close();
await redisServer.stop();
await pg.stop();
rmSync(work, { recursive: true, force: true });
process.exit(report.ok ? 0 : 1);
