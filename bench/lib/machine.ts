import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

const sh = (cmd: string, args: string[]) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
};

export function machineInfo(versions: Record<string, unknown>) {
  const cpuModel = os.cpus()[0]?.model ?? 'unknown';
  return {
    nproc: Number(sh('nproc', [])),
    cpuModel,
    memTotalGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    free: sh('free', ['-m']),
    kernel: os.release(),
    node: process.version,
    ...versions,
  };
}

/** What else runs on the machine right now: load average and the busiest processes. */
export function machineLoad(label: string) {
  const [l1, l5, l15] = readFileSync('/proc/loadavg', 'utf8').split(' ').map(Number);
  const top = sh('ps', ['-eo', 'pid,pcpu,rss,comm', '--sort=-pcpu', '--no-headers'])
    .split('\n')
    .slice(0, 6)
    .map((l) => l.trim().replace(/\s+/g, ' '));
  return { label, at: new Date().toISOString(), load1: l1, load5: l5, load15: l15, top };
}

/** Resident set size of a process in MiB (its own; children are listed separately). */
export function rssMiB(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 102.4) / 10 : NaN;
  } catch {
    return NaN;
  }
}
