// A service as a real child process in its own process group, so SIGKILL takes it and
// everything it spawned down at once, the way a crashed container goes.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export class KillableProcess {
  private child: ChildProcess | null = null;
  kills = 0;
  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly opts: { cwd: string; env: NodeJS.ProcessEnv; logFile?: string },
  ) {}

  start() {
    const log = this.opts.logFile ? createWriteStream(this.opts.logFile, { flags: 'a' }) : null;
    this.child = spawn(this.command, this.args, { cwd: this.opts.cwd, env: this.opts.env, detached: true, stdio: ['ignore', log ? 'pipe' : 'ignore', log ? 'pipe' : 'ignore'] });
    if (log) {
      this.child.stdout?.pipe(log);
      this.child.stderr?.pipe(log);
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
