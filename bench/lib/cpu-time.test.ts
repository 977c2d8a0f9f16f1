import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cpuSeconds, treeCpuSeconds } from './cpu-time';

describe('CPU time of a process tree', () => {
  // 300 ms of CPU, but on a loaded 2-core machine node's start and that CPU can take seconds
  // of wall time (it timed out at vitest's 5 s default during a CI run beside a bench).
  it('keeps the CPU of children that exited (a Postgres backend that closed must not make a round negative)', { timeout: 60_000 }, () => {
    const before = treeCpuSeconds(process.pid);
    // A child that burns 300 ms of its own CPU (not wall time: the machine may be busy) and
    // exits; spawnSync waits for it, so it is reaped.
    const r = spawnSync(process.execPath, ['-e', 'while (process.cpuUsage().user < 300_000) {}']);
    expect(r.status).toBe(0);
    const after = treeCpuSeconds(process.pid);
    expect(after - before).toBeGreaterThanOrEqual(0.2);
    // Without the reaped children the same child is invisible once gone.
    expect(cpuSeconds(process.pid, true) - cpuSeconds(process.pid)).toBeGreaterThanOrEqual(0.2);
  });
});
