// A local Redis Cluster of `masters` nodes (no replicas) from the same Debian redis-server
// binary as startRedis: each node cluster-enabled on its own port and directory, joined and
// given an equal share of the 16384 slots by `redis-cli --cluster create … --cluster-yes`.
// For the cluster integration suite (apps/worker/src/redis-cluster.int.test.ts) and for trying
// REDIS_CLUSTER_NODES by hand:
//   node -e "import('./scripts/services/redis-cluster.mjs').then(m => m.startRedisCluster({ dir: '/tmp/rc' })).then(c => console.log(c.nodes))"
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { ensureExecutable } from './system-packages.mjs';
import { freePort } from './free-port.mjs';
import { SetupError } from './setup-error.mjs';

const run = promisify(execFile);

/** One RESP command (inline form) on a fresh socket; resolves with the raw reply. */
function command(port, line) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    socket.once('connect', () => socket.write(`${line}\r\n`));
    socket.on('data', (d) => {
      data += d.toString();
      // A bulk string ($n\r\n…\r\n) or a one-line reply.
      const bulk = /^\$(\d+)\r\n/.exec(data);
      if (!bulk || data.length >= bulk[0].length + Number(bulk[1]) + 2) {
        socket.destroy();
        resolve(data);
      }
    });
    socket.once('error', () => resolve(''));
  });
}

function redisCli() {
  for (const c of ['/usr/bin/redis-cli', '/usr/local/bin/redis-cli']) if (existsSync(c)) return c;
  return 'redis-cli';
}

/**
 * @param {{ dir: string, masters?: number, nodeTimeoutMs?: number, log?: (m: string) => void }} opts
 * @returns {Promise<{ nodes: string, ports: number[], stop: () => Promise<void>, kill: (i: number) => Promise<void>, start: (i: number) => Promise<void>, waitHealthy: (timeoutMs?: number) => Promise<void> }>}
 *   kill(i): SIGKILL node i (its data is lost: no AOF, no RDB); start(i): the same node again on
 *   its port and nodes.conf, so it rejoins with its slots, empty.
 */
export async function startRedisCluster(opts) {
  const bin = ensureExecutable({
    names: ['redis-server', '/usr/bin/redis-server', '/usr/sbin/redis-server'],
    aptPackage: 'redis-server',
    why: 'the Redis Cluster tests',
    otherwise: 'or run the cluster suite where redis-server is installed',
  });
  const masters = opts.masters ?? 3;
  const dir = path.resolve(opts.dir);
  rmSync(dir, { recursive: true, force: true });
  const ports = [];
  for (let i = 0; i < masters; i++) ports.push(await freePort());
  /** @type {Array<import('node:child_process').ChildProcess | null>} */
  const children = ports.map(() => null);

  const startNode = async (i) => {
    const nodeDir = path.join(dir, String(ports[i]));
    mkdirSync(nodeDir, { recursive: true });
    const args = [
      '--port', String(ports[i]),
      '--bind', '127.0.0.1',
      '--dir', nodeDir,
      '--daemonize', 'no',
      '--cluster-enabled', 'yes',
      '--cluster-config-file', 'nodes.conf',
      // How long a silent node takes to be marked failing: short, so a test sees recovery soon.
      '--cluster-node-timeout', String(opts.nodeTimeoutMs ?? 2000),
      // `persistent`: AOF fsynced every second, as the single Redis of the dev stack and the
      // bench (so a bench comparison is like for like); tests keep the cluster in memory.
      ...(opts.persistent ? ['--appendonly', 'yes', '--appendfsync', 'everysec'] : ['--appendonly', 'no']),
      '--save', '',
      '--maxmemory-policy', 'noeviction',
      '--logfile', path.join(nodeDir, 'redis.log'),
    ];
    const child = spawn(bin, args, { cwd: nodeDir, stdio: 'ignore' });
    child.once('error', () => {});
    children[i] = child;
    for (const deadline = Date.now() + 30_000; !(await command(ports[i], 'PING')).startsWith('+PONG'); ) {
      if (child.exitCode !== null || Date.now() > deadline) throw new SetupError(`Redis cluster node :${ports[i]} did not start; its log is ${path.join(nodeDir, 'redis.log')}.`);
      await sleep(20);
    }
  };
  const onExit = () => children.forEach((c) => c?.exitCode === null && c.kill('SIGKILL'));
  process.on('exit', onExit);

  const waitHealthy = async (timeoutMs = 30_000) => {
    for (const deadline = Date.now() + timeoutMs; ; ) {
      const states = await Promise.all(ports.map((p) => command(p, 'CLUSTER INFO')));
      if (states.every((s) => s.includes('cluster_state:ok') && s.includes('cluster_slots_assigned:16384'))) return;
      if (Date.now() > deadline) throw new SetupError(`Redis cluster not healthy: ${states.map((s) => /cluster_state:\w+/.exec(s)?.[0] ?? 'down').join(', ')}`);
      await sleep(50);
    }
  };

  await Promise.all(ports.map((_, i) => startNode(i)));
  // --cluster-replicas 0: every node a master with an equal share of the slots.
  await run(redisCli(), ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'], { timeout: 60_000 });
  await waitHealthy();
  opts.log?.(`Redis Cluster up: ${masters} masters on ${ports.join(', ')}`);

  const kill = async (i) => {
    const child = children[i];
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  };
  return {
    nodes: ports.map((p) => `127.0.0.1:${p}`).join(','),
    ports,
    /** The nodes' process ids (for CPU accounting). */
    pids: () => children.flatMap((c) => (c && c.exitCode === null && c.pid ? [c.pid] : [])),
    waitHealthy,
    kill,
    start: (i) => startNode(i),
    stop: async () => {
      process.off('exit', onExit);
      await Promise.all(ports.map((_, i) => kill(i)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
