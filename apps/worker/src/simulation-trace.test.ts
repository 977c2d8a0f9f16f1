import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SimulationTrace, threadCpuMs } from './simulation-trace';

const dir = mkdtempSync(path.join(tmpdir(), 'sim-trace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('simulation trace', () => {
  it('writes nothing unless a file is named', () => {
    const trace = new SimulationTrace('runner', 's1', undefined);
    trace.mark('claimed');
    trace.flush();
    expect(trace.enabled).toBe(false);
  });

  it("appends each stage with the thread's wall and CPU time once flushed", () => {
    const file = path.join(dir, 'trace.jsonl');
    const trace = new SimulationTrace('simulation', 's1', file);
    trace.mark('module-ready', { spawnedAt: 1 });
    let x = 0;
    for (let i = 0; i < 3e7; i++) x += i % 7;
    trace.mark('replayed', { x: x > 0 });
    expect(() => readFileSync(file)).toThrow();
    trace.flush();
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.sim, l.thread, l.stage])).toEqual([
      ['s1', 'simulation', 'module-ready'],
      ['s1', 'simulation', 'replayed'],
    ]);
    expect(lines[0].spawnedAt).toBe(1);
    expect(lines[1].t).toBeGreaterThanOrEqual(lines[0].t);
    if (process.platform === 'linux') expect(lines[1].cpu).toBeGreaterThanOrEqual(lines[0].cpu);
  });

  it("reads this thread's CPU time on Linux", () => {
    const cpu = threadCpuMs();
    if (process.platform === 'linux') expect(cpu).toBeGreaterThan(0);
    else expect(cpu).toBeNull();
  });
});
