// e2e: builds the web app, seeds the demo workspace, and runs the production web server
// (apps/web/server.ts: Next behind the ingestion fast path) and the worker
// as real processes against the run's Postgres and Redis. Tests read BATON_E2E_* env vars.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
// @ts-expect-error plain ESM helper shared with the dev script
import { freePort } from '../services/free-port.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function waitForHttp(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * A database of the e2e run's own on the run's Postgres: the seed must create the demo (only a
 * first seed writes the demo API key), whatever the integration tests left in theirs.
 */
async function freshDatabase(url: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    url: own.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`).catch(() => {});
      await c.end();
    },
  };
}

export default async function setup() {
  const port = await freePort();
  const database = await freshDatabase(process.env.DATABASE_URL!, `baton_e2e_${process.pid}`);
  const distDir = process.env.BATON_E2E_DIST_DIR ?? `.next-e2e-${process.pid}`;
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    NODE_ENV: 'production',
    // API responses are checked against their declared schemas: an undeclared field is a 500 the e2e tests see.
    BATON_STRICT_RESPONSES: '1',
    // Its own build folder per run: concurrent e2e runs must not rebuild under each other.
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: '1',
    // Test receivers listen on 127.0.0.1.
    BATON_ALLOW_PRIVATE_OUTBOUND: '1',
    NEXTAUTH_URL: baseUrl,
    // Random per run: the production server refuses known or shared secrets.
    NEXTAUTH_SECRET: randomBytes(32).toString('hex'),
    BATON_SECRET_KEY: randomBytes(32).toString('hex'),
    BATON_URL: baseUrl,
    BATON_QUEUE_PREFIX: `e2e${port}`,
    BATON_DATA_DIR: path.join(root, '.data', 'e2e'),
    RECONCILE_INTERVAL_MS: '1000',
  };
  mkdirSync(env.BATON_DATA_DIR!, { recursive: true });

  if (!process.env.BATON_E2E_SKIP_BUILD || !process.env.BATON_E2E_DIST_DIR) {
    console.log('[e2e] building the web app …');
    const build = spawnSync('pnpm', ['--filter', '@baton/web', 'build'], { cwd: root, env, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('next build failed');
  }
  const seed = spawnSync('pnpm', ['exec', 'tsx', 'scripts/setup-db.ts'], { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (seed.status !== 0) throw new Error(`seeding failed: ${seed.stdout}`);
  const seeded = JSON.parse(seed.stdout.trim().split('\n').pop()!) as { created: boolean; envFile: string };
  if (!seeded.created) throw new Error('e2e needs a fresh database (the demo API key is only written on first seed)');
  // setup-db prints no secrets; they are in the demo env file it wrote.
  const demo = Object.fromEntries(
    readFileSync(seeded.envFile, 'utf8')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  ) as Record<string, string>;

  const children: ChildProcess[] = [];
  let tearingDown = false;
  const start = (name: string, args: string[]) => {
    const child = spawn('pnpm', args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    child.on('exit', (code) => code && !tearingDown && console.error(`[e2e] ${name} exited with ${code}`));
    children.push(child);
  };
  start('web', ['--filter', '@baton/web', 'start', '-p', String(port), '-H', '127.0.0.1']);
  start('worker', ['--filter', '@baton/worker', 'start']);
  await waitForHttp(`${baseUrl}/api/v1/openapi.json`, 60_000);

  process.env.BATON_E2E_URL = baseUrl;
  process.env.BATON_E2E_API_KEY = demo.BATON_API_KEY;
  process.env.BATON_E2E_CHANNEL_ID = demo.BATON_CHANNEL_ID;
  process.env.BATON_E2E_CHANNEL_SECRET = demo.BATON_CHANNEL_SECRET;
  process.env.BATON_E2E_CHANNEL_OUTBOUND_SECRET = demo.BATON_CHANNEL_OUTBOUND_SECRET;
  process.env.BATON_E2E_WORKSPACE_ID = demo.BATON_WORKSPACE_ID;
  process.env.BATON_E2E_QUEUE_PREFIX = env.BATON_QUEUE_PREFIX;

  return async () => {
    tearingDown = true;
    for (const child of children) {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
    await new Promise((r) => setTimeout(r, 500));
    await database.drop();
    if (!process.env.BATON_E2E_DIST_DIR) rmSync(path.join(root, 'apps/web', distDir), { recursive: true, force: true });
  };
}
