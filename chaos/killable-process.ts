// A service as a real child process in its own process group, so SIGKILL takes it and
// everything it spawned down at once, the way a crashed container goes.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export class KillableProcess {
  private child: ChildProcess | null = null;
  kills = 0;
  /** Per start (with `readyLine`): ms from the spawn to the first output line matching it. */
  readonly startups: number[] = [];
  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly opts: { cwd: string; env: NodeJS.ProcessEnv; logFile?: string; readyLine?: RegExp },
  ) {}

  start() {
    const log = this.opts.logFile ? createWriteStream(this.opts.logFile, { flags: 'a' }) : null;
    const piped = !!log || !!this.opts.readyLine;
    const spawnedAt = performance.now();
    this.child = spawn(this.command, this.args, { cwd: this.opts.cwd, env: this.opts.env, detached: true, stdio: ['ignore', piped ? 'pipe' : 'ignore', piped ? 'pipe' : 'ignore'] });
    if (log) {
      this.child.stdout?.pipe(log);
      this.child.stderr?.pipe(log);
    }
    const readyLine = this.opts.readyLine;
    if (readyLine) {
      let pending = '';
      const stdout = this.child.stdout!;
      const watch = (d: Buffer) => {
        pending = (pending + d.toString()).slice(-4096);
        if (!readyLine.test(pending)) return;
        this.startups.push(Math.round(performance.now() - spawnedAt));
        stdout.off('data', watch);
        if (!log) stdout.resume();
      };
      stdout.on('data', watch);
      // Nobody else reads it: keep it flowing.
      if (!log) this.child.stderr?.resume();
    }
    this.child.on('error', () => {});
  }

  get running() {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  kill(signal: NodeJS.Signals = 'SIGKILL') {
    if (!this.child?.pid) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      /* already gone */
    }
    if (signal === 'SIGKILL') this.kills++;
    this.child = null;
  }

  async restart(downMs = 0) {
    this.kill();
    if (downMs) await new Promise((r) => setTimeout(r, downMs));
    this.start();
  }
}
