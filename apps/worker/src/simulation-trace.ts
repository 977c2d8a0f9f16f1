import { appendFileSync, readFileSync } from 'node:fs';

/**
 * BATON_SIMULATION_TRACE_FILE=<path>: where a simulation's time goes, thread by thread (the
 * runner, the simulation thread, each version's replay thread): one JSON line per stage with
 * its wall time (ms since the epoch) and the thread's own CPU time so far (ms, from
 * /proc/thread-self; null elsewhere). Off (a no-op) unless set; each thread keeps its lines
 * and appends them once, when it is done (bench/notes.md, helper session simworker).
 */
export const SIMULATION_TRACE_FILE = process.env.BATON_SIMULATION_TRACE_FILE;

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** This thread's CPU time (user + system), ms; null where /proc/thread-self is not there. */
export function threadCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the command (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

export const wallMs = () => performance.timeOrigin + performance.now();

export type TraceMark = (stage: string, extra?: Record<string, unknown>) => void;

export class SimulationTrace {
  private lines: string[] = [];

  constructor(
    private readonly thread: string,
    private readonly simulationId: string,
    private readonly file = SIMULATION_TRACE_FILE,
  ) {}

  get enabled(): boolean {
    return Boolean(this.file);
  }

  readonly mark: TraceMark = (stage, extra) => {
    if (!this.file) return;
    this.lines.push(`${JSON.stringify({ sim: this.simulationId, thread: this.thread, stage, t: Math.round(wallMs() * 10) / 10, cpu: threadCpuMs(), ...extra })}\n`);
  };

  flush(): void {
    if (!this.file || this.lines.length === 0) return;
    const text = this.lines.join('');
    this.lines = [];
    try {
      appendFileSync(this.file, text);
    } catch {
      // A trace is never worth failing a simulation for.
    }
  }
}
