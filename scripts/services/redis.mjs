// Starts a real Redis for dev and tests: REDIS_URL when given, else Debian's redis-server,
// as a child process (not daemonized) so that it stops with the run that started it.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureExecutable } from './system-packages.mjs';
import { SetupError } from './setup-error.mjs';
import { commandLine, isAlive, portInUse, portTakenMessage, stopProcess, workingDir } from './processes.mjs';

function ping(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}

/** Stops a redis-server an earlier (killed) run left running on this directory. */
async function clearStaleServer(dir, pidfile, log) {
  if (!existsSync(pidfile)) return;
  const pid = Number(readFileSync(pidfile, 'utf8').trim());
  if (isAlive(pid) && /redis-server/.test(commandLine(pid)) && workingDir(pid) === realpathSync(dir)) {
    log?.(`stopping the Redis an earlier run left running (pid ${pid}) …`);
    await stopProcess(pid, { signal: 'SIGTERM', graceMs: 15_000 });
  }
  rmSync(pidfile, { force: true });
}

function explainFailure(logFile, port) {
  let text = '';
  try {
    text = readFileSync(logFile, 'utf8').trim().split('\n').slice(-5).join('\n');
  } catch {
    /* no log */
  }
  if (/No space left on device/i.test(text)) return new SetupError('Redis could not start: the disk is full (No space left on device). Free some space and run this again.');
  if (/Address already in use/i.test(text)) return new SetupError(portTakenMessage(port, 'Redis', 'BATON_REDIS_PORT'));
  const last = text.split('\n').pop()?.replace(/^\d+:\w \d+ \w+ [\d:.]+ [#*-] /, '') || 'no output';
  return new SetupError(`Redis could not start (${last}); its log is ${logFile}.`);
}

/**
 * @param {{ dir: string, port: number, persistent?: boolean, log?: (m: string) => void, detached?: boolean }} opts
 *   detached: its own process group (see startPostgres).
 * @returns {Promise<{ url: string, stop: () => Promise<void>, external: boolean, pid?: number }>}
 */
export async function startRedis(opts) {
  if (process.env.REDIS_URL) {
    return { url: process.env.REDIS_URL, stop: async () => {}, external: true };
  }
  const bin = ensureExecutable({
    names: ['redis-server', '/usr/bin/redis-server', '/usr/sbin/redis-server'],
    aptPackage: 'redis-server',
    why: 'timers and queues',
    otherwise: 'or set REDIS_URL=redis://host:6379 to use a Redis you run yourself',
  });
  const dir = path.resolve(opts.dir);
  mkdirSync(dir, { recursive: true });
  const pidfile = path.join(dir, 'redis.pid');
  const logFile = path.join(dir, 'redis.log');
  await clearStaleServer(dir, pidfile, opts.log);
  if (await portInUse(opts.port)) throw new SetupError(portTakenMessage(opts.port, 'Redis', 'BATON_REDIS_PORT'));
  const args = [
    '--port', String(opts.port),
    '--bind', '127.0.0.1',
    '--dir', dir,
    '--pidfile', pidfile,
    '--logfile', logFile,
    '--daemonize', 'no',
    // Timers must survive a restart in dev; tests throw their Redis away.
    '--appendonly', opts.persistent ? 'yes' : 'no',
    '--save', '',
    '--maxmemory-policy', 'noeviction',
  ];
  const child = spawn(bin, args, { cwd: dir, stdio: 'ignore', detached: opts.detached ?? false });
  let exited = false;
  const exit = new Promise((resolve) => child.once('exit', () => resolve((exited = true))));
  child.once('error', () => {}); // reported through 'exit'
  const onExit = () => !exited && child.pid && isAlive(child.pid) && process.kill(child.pid, 'SIGTERM');
  process.on('exit', onExit);
  for (const deadline = Date.now() + 30_000; !(await ping(opts.port)); ) {
    if (exited || Date.now() > deadline) {
      process.off('exit', onExit);
      child.kill('SIGKILL');
      throw explainFailure(logFile, opts.port);
    }
    await sleep(20);
  }
  let stopped = null;
  const stop = () =>
    (stopped ??= (async () => {
      if (!exited) {
        child.kill('SIGTERM'); // writes the AOF and exits
        await Promise.race([exit, sleep(15_000, undefined, { ref: false })]);
        if (!exited) {
          child.kill('SIGKILL');
          await exit;
        }
      }
      process.off('exit', onExit);
    })());
  return { url: `redis://127.0.0.1:${opts.port}`, stop, external: false, pid: child.pid };
}
