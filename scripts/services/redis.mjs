// Starts a real Redis for dev and tests: REDIS_URL when given, else Debian's redis-server.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import net from 'node:net';
import { ensureExecutable } from './system-packages.mjs';

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

/**
 * @param {{ dir: string, port: number, persistent?: boolean }} opts
 */
export async function startRedis(opts) {
  if (process.env.REDIS_URL) {
    return { url: process.env.REDIS_URL, stop: async () => {}, external: true };
  }
  const bin = ensureExecutable({
    names: ['redis-server', '/usr/bin/redis-server', '/usr/sbin/redis-server'],
    aptPackage: 'redis-server',
    why: 'timers and queues',
    envHint: 'Or point Baton at a running Redis: REDIS_URL=redis://host:6379',
  });
  const dir = path.resolve(opts.dir);
  mkdirSync(dir, { recursive: true });
  const pidfile = path.join(dir, 'redis.pid');
  if (existsSync(pidfile) && (await ping(opts.port))) {
    // A previous run left it up on our port; reuse it rather than fail on the bind.
    return { url: `redis://127.0.0.1:${opts.port}`, stop: async () => stopPid(pidfile), external: false };
  }
  const args = [
    '--port', String(opts.port),
    '--bind', '127.0.0.1',
    '--dir', dir,
    '--pidfile', pidfile,
    '--logfile', path.join(dir, 'redis.log'),
    '--daemonize', 'yes',
    // Timers must survive a restart in dev; tests throw their Redis away.
    '--appendonly', opts.persistent ? 'yes' : 'no',
    '--save', '',
    '--maxmemory-policy', 'noeviction',
  ];
  await new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`redis-server exited with ${code}`))));
  });
  for (let i = 0; i < 100; i++) {
    if (await ping(opts.port)) break;
    await sleep(50);
  }
  return { url: `redis://127.0.0.1:${opts.port}`, stop: async () => stopPid(pidfile), external: false };
}

async function stopPid(pidfile) {
  try {
    const pid = Number(readFileSync(pidfile, 'utf8').trim());
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 40; i++) {
      await sleep(50);
      process.kill(pid, 0);
    }
  } catch {
    /* already gone */
  }
}
