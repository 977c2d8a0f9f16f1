// The dev stack (scripts/dev.mjs) stops everything it started on a Ctrl-C to its process
// group, Redis and PostgreSQL included, and a run after one killed with SIGKILL (which
// leaves web, worker, Redis and Postgres running) starts cleanly. Runs the real script in
// hot-reload mode (`next dev`: no build) with its data in a throwaway 0700 directory, so
// as root it also exercises keeping Postgres's data where the postgres user can reach it.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper shared with the dev script
import { freePort } from './services/free-port.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const alive = (pid: number) =>
  existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));

type Run = { proc: ChildProcess; output: () => string; exited: Promise<number | null> };

function startDev(env: NodeJS.ProcessEnv): Run {
  // detached: its own process group, like a job a terminal starts in the foreground.
  const proc = spawn(process.execPath, ['scripts/dev.mjs', '--hot'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  return { proc, output: () => out, exited };
}

async function waitFor(run: Run, text: string, ms: number) {
  const deadline = Date.now() + ms;
  while (!run.output().includes(text)) {
    if (run.proc.exitCode !== null)
      throw new Error(`dev.mjs exited (${run.proc.exitCode}) before "${text}":\n${run.output()}`);
    if (Date.now() > deadline) throw new Error(`no "${text}" within ${ms} ms:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every process the run started (they inherit BATON_DATA_DIR) or that works in one of `dirs`. */
function processesIn(dataDir: string, dirs: string[]) {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      const ours =
        environ.includes(`BATON_DATA_DIR=${dataDir}`) ||
        dirs.some((d) => cwd.startsWith(d) || cmd.includes(d));
      if (ours && Number(pid) !== process.pid && alive(Number(pid))) found.push(`${pid} ${cmd}`);
    } catch {
      /* gone, or not ours to read */
    }
  }
  return found;
}

describe('dev stack', () => {
  const dirs: string[] = [];
  const leftovers: Array<() => string[]> = [];
  afterAll(() => {
    // A failed run must not leave its servers behind for the rest of the suite.
    for (const list of leftovers) {
      for (const line of list()) {
        try {
          process.kill(Number(line.split(' ')[0]), 'SIGKILL');
        } catch {
          /* gone meanwhile */
        }
      }
    }
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('recovers from a SIGKILLed run, then a Ctrl-C to its process group leaves no postgres or redis-server behind', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'baton-dev-stop-'));
    const system = mkdtempSync(path.join(tmpdir(), 'baton-dev-stop-system-'));
    dirs.push(home, system);
    chmodSync(home, 0o700);
    chmodSync(system, 0o755);
    const dataDir = path.join(home, 'data');
    const distDir = `.next-devstop-${process.pid}`;
    dirs.push(path.join(root, 'apps/web', distDir));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      BATON_DATA_DIR: dataDir,
      BATON_PG_SYSTEM_DIR: system,
      PORT: String(await freePort()),
      BATON_PG_PORT: String(await freePort()),
      BATON_REDIS_PORT: String(await freePort()),
      NEXT_DIST_DIR: distDir,
      BATON_QUEUE_PREFIX: `devstop${process.pid}`,
    };
    leftovers.push(() => processesIn(dataDir, [home]));
    delete env.DATABASE_URL; // the int suite's services: this test starts the script's own
    delete env.REDIS_URL;

    // 1. A run killed outright: its web, worker, Redis and Postgres keep running.
    const first = startDev(env);
    await waitFor(first, 'Baton is ready', 180_000);
    const pgDir = realpathSync(path.join(dataDir, 'postgres'));
    const postmaster = Number(
      readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    const redis = Number(readFileSync(path.join(dataDir, 'redis/redis.pid'), 'utf8').trim());
    const programs = (
      JSON.parse(readFileSync(path.join(dataDir, 'dev-processes.json'), 'utf8')) as Array<{
        pid: number;
      }>
    ).map((p) => p.pid);
    first.proc.kill('SIGKILL');
    await first.exited;
    for (const pid of [postmaster, redis, ...programs])
      expect(alive(pid), `pid ${pid} should outlive a SIGKILLed dev.mjs`).toBe(true);

    // 2. The next run stops what the killed one left and starts on the same ports and data.
    const second = startDev(env);
    await waitFor(second, 'Baton is ready', 180_000);
    expect(second.output()).toContain('an earlier run left running');
    for (const pid of [postmaster, redis, ...programs])
      expect(alive(pid), `pid ${pid} from the killed run`).toBe(false);
    const running = processesIn(dataDir, [pgDir, home]);
    expect(running.some((p) => /postgres/.test(p))).toBe(true);
    expect(running.some((p) => /redis-server/.test(p))).toBe(true);

    // 3. Ctrl-C as a terminal sends it: SIGINT to the whole foreground process group.
    process.kill(-second.proc.pid!, 'SIGINT');
    expect(await second.exited).toBe(0);
    expect(second.output()).toContain('stopped.');
    const left = () => processesIn(dataDir, [pgDir, home, path.join(root, 'apps/web', distDir)]);
    expect(left().filter((p) => /postgres|redis-server/.test(p))).toEqual([]);
    // next dev starts its telemetry flush in a session of its own; it ends by itself.
    for (let i = 0; i < 100 && left().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(left()).toEqual([]);
    expect(existsSync(path.join(dataDir, 'redis/redis.pid'))).toBe(false);
    expect(existsSync(path.join(pgDir, 'postmaster.pid'))).toBe(false);
    rmSync(pgDir, { recursive: true, force: true });
  }, 420_000);
});
