// `pnpm exec tsx bench/startup-times.ts`: how long a worker and a web server take from their
// spawn to working — the worker's first BullMQ worker connected (`[worker] taking jobs`), the
// web's `[web] ready on` — for each way they are started, against a Postgres and Redis of its
// own. STARTS (3) runs each way that many times, interleaved. The web needs a `next build` in
// apps/web/$NEXT_DIST_DIR (default .next-chaos, as `pnpm chaos` leaves it); without one the web
// rows are skipped. A restarted process is what a crash costs: until it works, nobody else may
// hold its share of the waits queue (bench/notes.md, "Findings (helper workerboot)").
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, migrateDatabase } from '@baton/db';
// @ts-expect-error plain ESM helpers shared with the dev script
import { startPostgres } from '../scripts/services/postgres.mjs';
// @ts-expect-error plain ESM helpers shared with the dev script
import { startRedis } from '../scripts/services/redis.mjs';
// @ts-expect-error plain ESM helpers shared with the dev script
import { freePort } from '../scripts/services/free-port.mjs';
import { ensureWorkerBuild } from '../apps/worker/build.mjs';
import { ensureServerBuild } from '../apps/web/build-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workerDir = path.join(root, 'apps/worker');
const webDir = path.join(root, 'apps/web');
const STARTS = Number(process.env.STARTS ?? 3);
const DIST = process.env.NEXT_DIST_DIR ?? '.next-chaos';

const work = mkdtempSync(path.join(tmpdir(), 'baton-startup-'));
chmodSync(work, 0o755);
delete process.env.DATABASE_URL;
delete process.env.REDIS_URL;
const pg = await startPostgres({ dataDir: path.join(work, 'pg'), port: await freePort(), database: 'baton_startup', persistent: false });
const redis = await startRedis({ dir: path.join(work, 'redis'), port: await freePort() });
const handle = createDatabase(pg.url, { max: 2 });
await migrateDatabase(handle.db);
await handle.close();
await ensureWorkerBuild();
await ensureServerBuild();

const secret = () => randomBytes(32).toString('hex');
const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: pg.url, REDIS_URL: redis.url, NODE_ENV: 'production', BATON_SECRET_KEY: secret(), NEXTAUTH_SECRET: secret(), NEXT_DIST_DIR: DIST, NEXTAUTH_URL: 'http://127.0.0.1:3000', BATON_QUEUE_PREFIX: 'startup' };
type Way = { name: string; cmd: string; args: string[]; cwd: string; env?: NodeJS.ProcessEnv; ready: RegExp };
const tsxCli = path.join(root, 'node_modules/.bin/tsx');
const webArgs = () => ['-p', String(webPort), '-H', '127.0.0.1'];
let webPort = 0;
const ways: Way[] = [
  { name: 'worker: tsx CLI, src/main.ts (chaos and `pnpm start` before)', cmd: tsxCli, args: ['src/main.ts'], cwd: workerDir, ready: /\[worker\] taking jobs/ },
  { name: 'worker: node --import tsx src/main.ts (bench, dev.sh before; pnpm dev)', cmd: process.execPath, args: ['--import', 'tsx', 'src/main.ts'], cwd: workerDir, ready: /\[worker\] taking jobs/ },
  { name: 'worker: node start.mjs (bundle: chaos, bench, dev.sh now)', cmd: process.execPath, args: ['start.mjs'], cwd: workerDir, ready: /\[worker\] taking jobs/ },
  { name: 'worker: pnpm --filter @baton/worker start (Docker CMD now)', cmd: 'pnpm', args: ['--filter', '@baton/worker', 'start'], cwd: root, ready: /\[worker\] taking jobs/ },
];
if (existsSync(path.join(webDir, DIST, 'BUILD_ID')))
  ways.push(
    { name: 'web: node --import tsx server.ts (before)', cmd: process.execPath, args: ['--import', 'tsx', 'server.ts'], cwd: webDir, env: { TSX_TSCONFIG_PATH: 'tsconfig.server.json' }, ready: /\[web\] ready on/ },
    { name: 'web: node start-server.mjs (bundle, now)', cmd: process.execPath, args: ['start-server.mjs'], cwd: webDir, ready: /\[web\] ready on/ },
  );
else console.log(`no web build in apps/web/${DIST}: web rows skipped`);

/** Spawn → the ready line (ms), and the worker's own "ready … ms after the process started" and "taking jobs … ms" figures. */
async function once(way: Way): Promise<{ ms: number; own: string }> {
  webPort = await freePort();
  const args = way.name.startsWith('web') ? [...way.args, ...webArgs()] : way.args;
  const t0 = performance.now();
  const child = spawn(way.cmd, args, { cwd: way.cwd, env: { ...env, ...way.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${way.name}: no ready line in 90 s:\n${out.slice(-2000)}`)), 90_000);
      const onData = (d: Buffer) => {
        out += d.toString();
        if (!way.ready.test(out)) return;
        clearTimeout(timer);
        const own = [...out.matchAll(/(ready|taking jobs) (\d+) ms after the process started/g)].map((m) => `${m[1]} ${m[2]}`).join(', ');
        resolve({ ms: Math.round(performance.now() - t0), own });
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
      child.on('exit', (code) => reject(new Error(`${way.name} exited with ${code}:\n${out.slice(-2000)}`)));
    });
  } finally {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

const results = new Map<string, number[]>(ways.map((w) => [w.name, []]));
try {
  for (let i = 0; i < STARTS; i++)
    for (const way of ways) {
      const r = await once(way);
      results.get(way.name)!.push(r.ms);
      console.log(`${way.name}: ${r.ms} ms${r.own ? ` (its own clock: ${r.own})` : ''}`);
    }
} finally {
  await redis.stop();
  await pg.stop();
  rmSync(work, { recursive: true, force: true });
}
console.log('\n| way | spawn → working, ms (each start) | median |\n| --- | --- | --- |');
for (const [name, ms] of results) console.log(`| ${name} | ${ms.join(', ')} | ${[...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)]} |`);
