// Summarises a BATON_SIMULATION_TRACE_FILE (apps/worker/src/simulation-trace.ts): per
// simulation, every thread's stages in ms after the runner claimed it, with the thread's CPU
// time so far. `node --import tsx bench/simulation-trace-summary.ts <file>`.
import { readFileSync } from 'node:fs';

type Mark = { sim: string; thread: string; stage: string; t: number; cpu: number | null; [k: string]: unknown };

const file = process.argv[2];
if (!file) throw new Error('usage: simulation-trace-summary.ts <trace file>');
const marks: Mark[] = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
const sims = [...new Set(marks.map((m) => m.sim))];
for (const sim of sims) {
  const own = marks.filter((m) => m.sim === sim).sort((a, b) => a.t - b.t);
  const t0 = own.find((m) => m.stage === 'claimed')?.t ?? own[0]!.t;
  console.log(`simulation ${sim}`);
  const pages = own.filter((m) => m.stage === 'page-loaded');
  for (const m of own) {
    // Pages: the first, every tenth and the last only.
    if (m.stage.startsWith('page-') && typeof m.page === 'number' && m.page % 10 !== 0 && m.page !== pages.length - 1) continue;
    const { sim: _s, thread, stage, t, cpu, ...extra } = m;
    const since = typeof extra.spawnedAt === 'number' ? ` (spawned at +${Math.round(extra.spawnedAt - t0)})` : '';
    delete extra.spawnedAt;
    console.log(`  +${String(Math.round(t - t0)).padStart(6)} ms  ${thread.padEnd(18)} ${stage.padEnd(24)} cpu ${String(cpu ?? '-').padStart(6)} ms${since} ${Object.keys(extra).length ? JSON.stringify(extra) : ''}`);
  }
}
