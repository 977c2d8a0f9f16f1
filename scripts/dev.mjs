// `pnpm dev`: Postgres + Redis (unless DATABASE_URL / REDIS_URL are set), migrations, the
// demo seed (once), then web and worker together. Ctrl-C stops everything it started.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from './services/postgres.mjs';
import { startRedis } from './services/redis.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(root, '.data');
mkdirSync(dataDir, { recursive: true });
chmodSync(dataDir, 0o755); // the postgres user (when we run as root) must reach its data dir
const port = Number(process.env.PORT ?? 3000);
const url = `http://localhost:${port}`;

const log = (m) => console.log(`\x1b[36m[baton]\x1b[0m ${m}`);
log(process.env.DATABASE_URL ? 'using DATABASE_URL' : 'starting PostgreSQL (embedded, data in .data/postgres) …');
const pg = await startPostgres({ dataDir: path.join(dataDir, 'postgres'), port: Number(process.env.BATON_PG_PORT ?? 54329), database: 'baton' });
let redis;
try {
  log(process.env.REDIS_URL ? 'using REDIS_URL' : 'starting Redis (data in .data/redis, AOF on) …');
  redis = await startRedis({ dir: path.join(dataDir, 'redis'), port: Number(process.env.BATON_REDIS_PORT ?? 63799), persistent: true });
} catch (error) {
  console.error(`\n${error.message}\n`);
  await pg.stop();
  process.exit(1);
}

const env = {
  ...process.env,
  DATABASE_URL: pg.url,
  REDIS_URL: redis.url,
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? url,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? 'baton-dev-secret-change-me',
  BATON_URL: url,
  NEXT_TELEMETRY_DISABLED: '1',
  // Local development posts to receivers on this machine.
  BATON_ALLOW_PRIVATE_OUTBOUND: process.env.BATON_ALLOW_PRIVATE_OUTBOUND ?? '1',
};
log('applying migrations and seeding demo data …');
const setup = spawnSync('pnpm', ['exec', 'tsx', 'scripts/setup-db.ts'], { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (setup.status !== 0) {
  console.error(setup.stdout);
  await Promise.all([redis.stop(), pg.stop()]);
  process.exit(1);
}
const seed = JSON.parse(setup.stdout.trim().split('\n').pop());

const children = [
  spawn('pnpm', ['--filter', '@baton/worker', 'start'], { cwd: root, env, stdio: 'inherit' }),
  spawn('pnpm', ['--filter', '@baton/web', 'exec', 'next', 'dev', '-p', String(port)], { cwd: root, env, stdio: 'inherit' }),
];

log('');
log(`Baton is starting at ${url}`);
log(`demo logins (password "baton-demo"): ${seed.logins.map((l) => `${l.email} (${l.role})`).join(', ')}`);
log(`demo API key and channel: ${seed.envFile}${seed.created ? '' : ' (from the first run)'}`);
log(`send a customer message:  ./scripts/send-demo-message.sh "Hello, is anyone there?"`);
log('Ctrl-C stops web, worker, Redis and PostgreSQL.');

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  log('stopping …');
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r)))));
  await redis.stop();
  await pg.stop();
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
for (const child of children) child.on('exit', (code) => !stopping && stop(code ?? 1));
