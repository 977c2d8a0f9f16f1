// A fixed, single-threaded JavaScript workload that stands for "how fast is a core here":
// the kind of work web and worker do per conversation (JSON, objects, sorting, hashing),
// so CPU-ms per conversation can be stated as a multiple of it and compared across machines.
import { createHash } from 'node:crypto';
import { median } from './stats';

function workload(): number {
  // Seeded PRNG (mulberry32): the same input on every machine.
  let seed = 0x9e3779b9;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let check = 0;
  for (let i = 0; i < 5; i++) {
    const rows = Array.from({ length: 2_000 }, (_, j) => ({ id: `c-${i}-${j}`, at: rand() * 1e12, tags: [rand().toString(36)], open: rand() > 0.5 }));
    const parsed = JSON.parse(JSON.stringify(rows)) as typeof rows;
    parsed.sort((a, b) => a.at - b.at);
    check += createHash('sha256').update(parsed[0]!.id).digest()[0]!;
  }
  return check;
}

/** Milliseconds the reference workload takes on one core: median of `runs` after a warm-up. */
export function cpuReferenceMs(runs = 5): { medianMs: number; minMs: number; maxMs: number; runs: number } {
  workload();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    workload();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const r = (x: number) => Math.round(x * 10) / 10;
  return { medianMs: r(median(times)), minMs: r(Math.min(...times)), maxMs: r(Math.max(...times)), runs };
}
