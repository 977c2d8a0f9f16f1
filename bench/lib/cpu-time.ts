// CPU seconds spent by each part of the system (user + system, from /proc): the honest cost
// of a routed conversation on a machine shared with other work, where wall-clock latency
// and profiler samples are inflated by waiting for a core.
import { readFileSync, readdirSync } from 'node:fs';

const TICK = 100; // USER_HZ on Linux

function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICK; // utime + stime
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return out;
}

export type CpuParts = { web: number; worker: number; postgres: number; redis: number; loadGenerator: number };

/** CPU seconds so far of web, worker, Postgres (postmaster + every backend), Redis, and this process. */
export function cpuSnapshot(pids: { web: number; worker: number; postmaster: number; redis: number }): CpuParts {
  const pgPids = [pids.postmaster, ...childrenOf(pids.postmaster)];
  return {
    web: cpuSeconds(pids.web) + childrenOf(pids.web).reduce((a, p) => a + cpuSeconds(p), 0),
    worker: cpuSeconds(pids.worker),
    postgres: pgPids.reduce((a, p) => a + cpuSeconds(p), 0),
    redis: cpuSeconds(pids.redis),
    loadGenerator: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
  };
}

export function cpuDelta(after: CpuParts, before: CpuParts, per: number) {
  const out = {} as Record<keyof CpuParts | 'total', number>;
  let total = 0;
  for (const k of Object.keys(after) as (keyof CpuParts)[]) {
    const ms = ((after[k] - before[k]) * 1000) / Math.max(1, per);
    out[k] = Math.round(ms * 10) / 10;
    total += ms;
  }
  out.total = Math.round(total * 10) / 10;
  return out;
}
