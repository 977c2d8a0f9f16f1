// CPU seconds spent by each part of the system (user + system, from /proc): the honest cost
// of a routed conversation on a machine shared with other work, where wall-clock latency
// and profiler samples are inflated by waiting for a core.
import { readFileSync, readdirSync } from 'node:fs';

const TICK = 100; // USER_HZ on Linux

/**
 * utime + stime of a process; with `reaped`, plus cutime + cstime: the CPU of its children
 * that have exited and been waited for. Postgres backends come and go (a connection closes,
 * autovacuum workers finish): counting only the live ones made a round's Postgres CPU
 * negative when more backends exited during it than it used. The postmaster reaps every
 * backend, so its cutime + cstime keeps their CPU after they are gone.
 */
export function cpuSeconds(pid: number, reaped = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const own = Number(fields[11]) + Number(fields[12]); // utime + stime
    const children = reaped ? Number(fields[13]) + Number(fields[14]) : 0; // cutime + cstime
    return (own + children) / TICK;
  } catch {
    return 0;
  }
}

/** A process and every live descendant, plus the CPU of the descendants already reaped. */
export function treeCpuSeconds(pid: number): number {
  return cpuSeconds(pid, true) + childrenOf(pid).reduce((a, p) => a + treeCpuSeconds(p), 0);
}

export function childrenOf(pid: number): number[] {
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

export type ProcessIds = { web: number; worker: number | number[]; postmaster: number; redis: number | number[] };

/**
 * CPU seconds so far of web, worker(s), Postgres (postmaster + every backend), Redis (every
 * cluster node), and this process.
 */
export function cpuSnapshot(pids: ProcessIds): CpuParts {
  const all = (p: number | number[]) => (Array.isArray(p) ? p : [p]);
  return {
    web: treeCpuSeconds(pids.web),
    worker: all(pids.worker).reduce((a, p) => a + treeCpuSeconds(p), 0),
    postgres: treeCpuSeconds(pids.postmaster),
    redis: all(pids.redis).reduce((a, p) => a + cpuSeconds(p), 0),
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
