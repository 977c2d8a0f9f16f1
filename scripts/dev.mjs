// `./scripts/dev.sh`: Baton with demo data at production speed. Starts Postgres and Redis
// (unless DATABASE_URL / REDIS_URL are set), applies migrations, seeds the demo workspace
// once, builds the web app when its sources changed since the last build, then runs the
// production web server (apps/web/server.ts) and the worker.
// `pnpm dev` (`--hot`): the same with `next dev` instead of a build, for changing the code.
//
// Ctrl-C, SIGTERM or SIGHUP stop everything it started (web, worker, Redis, Postgres, a
// build in progress). Every child runs in its own process group, so a Ctrl-C reaches only
// this script, which stops the programs first and the databases they use last. A run that
// was killed outright (SIGKILL) leaves them running: the next run finds them by the pids
// it recorded (.data/dev-processes.json, postmaster.pid, redis.pid) and stops them first.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { startPostgres } from './services/postgres.mjs';
import { startRedis } from './services/redis.mjs';
import { ensureWebBuild } from './services/web-build.mjs';
import { SetupError, plainSetupMessage } from './services/setup-error.mjs';
import { commandLine, isAlive, portInUse, portTakenMessage, startTime, stopProcess } from './services/processes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const webDir = path.join(root, 'apps/web');
const workerDir = path.join(root, 'apps/worker');
const hot = process.argv.includes('--hot');
const dataDir = path.resolve(process.env.BATON_DATA_DIR ?? path.join(root, '.data'));
const port = Number(process.env.PORT ?? 3000);
const url = `http://localhost:${port}`;
const DIST = '.next-start'; // its own build folder: `next dev` and e2e use others
const processesFile = path.join(dataDir, 'dev-processes.json');
const t0 = Date.now();

const log = (m) => console.log(`\x1b[36m[baton]\x1b[0m ${m}`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

// ---- stopping ---------------------------------------------------------------------------
const state = { pg: null, redis: null, children: [], stopping: false };

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

async function stopAll(code) {
  if (state.stopping) return;
  state.stopping = true;
  log('stopping …');
  // Programs first (they hold connections), then the services they use.
  await Promise.all(
    state.children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      killGroup(child, 'SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      killGroup(child, 'SIGKILL'); // what is left of its group (tsx, next's workers)
    }),
  );
  await Promise.all([state.redis?.stop(), state.pg?.stop()]);
  rmSync(processesFile, { force: true });
  log(`stopped${code ? ` (exit code ${code})` : ''}.`);
  process.exit(code);
}

let signals = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (++signals > 1 && signal === 'SIGINT') {
      log('still stopping (web and worker get up to 10 s, then are killed) …');
      return;
    }
    void stopAll(0);
  });
}

function fail(error) {
  const plain = plainSetupMessage(error);
  console.error(`\n\x1b[31m✗ ${plain ?? (error?.stack ?? String(error))}\x1b[0m\n`);
  void stopAll(1);
}

// ---- checks -----------------------------------------------------------------------------
function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    throw new SetupError(`Baton needs Node.js 20.19 or newer and this is ${process.versions.node}: install a current Node.js (https://nodejs.org/en/download) and run this again.`);
  }
}

function checkDisk() {
  const fs = statfsSync(dataDir);
  const free = fs.bavail * fs.bsize;
  const needed = (existsSync(path.join(webDir, DIST)) ? 0.3 : 1) * 1024 ** 3;
  if (free < needed) {
    throw new SetupError(`Only ${Math.round(free / 1024 ** 2)} MB are free on the disk holding ${dataDir}; Baton needs about ${Math.round(needed / 1024 ** 2)} MB for its build and data: free some space and run this again.`);
  }
}

/** Web and worker processes a killed earlier run left behind: stop them (they hold the port). */
async function stopLeftovers() {
  if (!existsSync(processesFile)) return;
  let entries = [];
  try {
    entries = JSON.parse(readFileSync(processesFile, 'utf8'));
  } catch {
    /* unreadable: nothing to recover */
  }
  for (const e of entries) {
    if (isAlive(e.pid) && e.started && startTime(e.pid) === e.started) {
      log(`stopping the ${e.name} an earlier run left running (pid ${e.pid}) …`);
      await stopProcess(e.pid, { group: true, signal: 'SIGTERM', graceMs: 10_000 });
    }
  }
  rmSync(processesFile, { force: true });
}

function recordChildren() {
  // A pid and its start time name one process (a pid alone may since belong to another program).
  const entries = state.children.map((c) => ({ name: c.name, pid: c.pid, started: startTime(c.pid), cmd: commandLine(c.pid) }));
  writeFileSync(processesFile, JSON.stringify(entries, null, 2) + '\n');
}

/** Session and encryption keys, made once per data directory (never printed). */
function loadSecrets() {
  const file = path.join(dataDir, 'secrets.env');
  const values = {};
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
      if (m) values[m[1]] = m[2];
    }
  }
  let changed = false;
  for (const key of ['NEXTAUTH_SECRET', 'BATON_SECRET_KEY']) {
    if (!values[key]) {
      values[key] = randomBytes(32).toString('hex');
      changed = true;
    }
  }
  if (changed) {
    const body = Object.entries(values).map(([k, v]) => `${k}=${v}`).join('\n') + '\n';
    writeFileSync(file, `# Made by scripts/dev.mjs for this checkout; keep private.\n${body}`, { mode: 0o600 });
    log('created .data/secrets.env (session and encryption keys for this checkout)');
    if (existsSync(path.join(dataDir, 'demo.env'))) {
      log('note: demo data from an earlier run used the old fixed keys: sign in again; if signed channel messages fail, remove .data for a fresh seed');
    }
  }
  chmodSync(file, 0o600);
  return values;
}

// ---- the programs -----------------------------------------------------------------------
function startChild(name, cmd, args, cwd, env) {
  const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
  child.name = name;
  child.once('error', (error) => fail(new SetupError(`Could not start the ${name} (${error.message}).`)));
  child.once('exit', (code, signal) => {
    if (state.stopping) return;
    console.error(`\x1b[31m✗ the ${name} exited (${signal ?? `code ${code}`}); stopping the rest.\x1b[0m`);
    void stopAll(code || 1);
  });
  state.children.push(child);
  recordChildren();
  return child;
}

async function waitForWeb(child) {
  // Production: the sign-in page answering means Next is fully up (and that page is warm).
  // Hot mode: the port accepting connections (a request would make next dev compile a page).
  for (;;) {
    if (state.stopping || child.exitCode !== null) return new Promise(() => {});
    if (hot) {
      if (await portInUse(port)) return;
    } else {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/sign-in`, { redirect: 'manual' });
        if (res.status < 500) return;
      } catch {
        /* not up yet */
      }
    }
    await sleep(100);
  }
}

async function main() {
  checkNode();
  mkdirSync(dataDir, { recursive: true });
  checkDisk();
  await stopLeftovers();
  if (await portInUse(port)) throw new SetupError(portTakenMessage(port, 'the web app', 'PORT'));
  const secrets = loadSecrets();

  log(process.env.DATABASE_URL ? 'using DATABASE_URL' : `starting PostgreSQL (embedded; data in ${path.relative(root, dataDir) || '.'}/postgres) …`);
  state.pg = await startPostgres({ dataDir: path.join(dataDir, 'postgres'), port: Number(process.env.BATON_PG_PORT ?? 54329), database: 'baton', detached: true, log });
  log(process.env.REDIS_URL ? 'using REDIS_URL' : 'starting Redis (AOF on) …');
  state.redis = await startRedis({ dir: path.join(dataDir, 'redis'), port: Number(process.env.BATON_REDIS_PORT ?? 63799), persistent: true, detached: true, log });

  const env = {
    ...process.env,
    DATABASE_URL: state.pg.url,
    REDIS_URL: state.redis.url,
    // Values given in the environment win over the generated ones.
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? secrets.NEXTAUTH_SECRET,
    BATON_SECRET_KEY: process.env.BATON_SECRET_KEY ?? secrets.BATON_SECRET_KEY,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? url,
    BATON_URL: process.env.BATON_URL ?? url,
    BATON_DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: '1',
    // Local development posts to receivers on this machine.
    BATON_ALLOW_PRIVATE_OUTBOUND: process.env.BATON_ALLOW_PRIVATE_OUTBOUND ?? '1',
  };
  if (!hot) Object.assign(env, { NODE_ENV: 'production', NEXT_DIST_DIR: DIST });

  log('applying migrations and seeding demo data …');
  const setup = spawn(process.execPath, ['--import', 'tsx', 'scripts/setup-db.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  setup.name = 'database setup';
  state.children.push(setup);
  recordChildren();
  let setupOut = '';
  setup.stdout.on('data', (d) => (setupOut += d));
  const setupCode = await new Promise((r) => setup.once('exit', (c, s) => r(c ?? s)));
  state.children.splice(state.children.indexOf(setup), 1);
  if (state.stopping) return;
  if (setupCode !== 0) throw new SetupError(`Applying migrations or seeding the demo data failed (exit ${setupCode}; output above${setupOut ? `: ${setupOut.trim().slice(-500)}` : ''}).`);
  const seed = JSON.parse(setupOut.trim().split('\n').pop());

  if (!hot) {
    const built = await ensureWebBuild({
      root,
      dist: DIST,
      env,
      log,
      track: (child) => (state.children.push(child), recordChildren()),
      untrack: (child) => state.children.splice(state.children.indexOf(child), 1),
    });
    if (state.stopping) return;
    if (!built) throw new SetupError('The web build was killed before it finished: run this again.');
  }
  if (state.stopping) return;

  // As production runs it (start.mjs: the bundle in apps/worker/dist, rebuilt first when a source
  // changed); `pnpm dev` from the sources through tsx.
  startChild('worker', process.execPath, hot ? ['--import', 'tsx', 'src/main.ts'] : ['start.mjs'], workerDir, env);
  const web = hot
    ? startChild('web app', path.join(webDir, 'node_modules/.bin/next'), ['dev', '-p', String(port)], webDir, env)
    : startChild('web app', process.execPath, ['start-server.mjs', '-p', String(port)], webDir, env);
  await waitForWeb(web);

  log('');
  log(`\x1b[1mBaton is ready at ${url}\x1b[0m (${hot ? 'hot reload: next dev compiles each page on its first visit' : 'production build'}; started in ${seconds(Date.now() - t0)})`);
  log(`demo logins (password "baton-demo"): ${seed.logins.map((l) => `${l.email} (${l.role})`).join(', ')}`);
  log(`demo API key and channel: ${path.relative(root, seed.envFile) || seed.envFile}`);
  log('send a customer message:  ./scripts/send-demo-message.sh "Hello, is anyone there?"');
  log('Ctrl-C stops web, worker, Redis and PostgreSQL.');
}

main().catch(fail);
