// `pnpm exec tsx bench/lib/batch-trace-summary.ts <trace.jsonl>`: a BATON_BATCH_TRACE_FILE trace
// summarised per stretch of load (a gap of > 1.5 s starts a new one) and per group commit —
// batch sizes, durations, how long the oldest item waited for its batch, overlapping batches.
import { readFileSync } from 'node:fs';
import type { BatchRecord } from '../../packages/db/src/batching/batch-trace';

const rows = readFileSync(process.argv[2]!, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as BatchRecord)
  .sort((a, b) => a.start - b.start);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const windows: BatchRecord[][] = [];
for (const r of rows) {
  const cur = windows.at(-1);
  if (cur && r.start - cur.at(-1)!.start <= 1500) cur.push(r);
  else windows.push([r]);
}
const t0 = rows[0]?.start ?? 0;
for (const w of windows) {
  const seconds = (w.at(-1)!.end - w[0]!.start) / 1000;
  console.log(`stretch at ${((w[0]!.start - t0) / 1000).toFixed(1)} s, ${seconds.toFixed(1)} s long`);
  for (const name of [...new Set(w.map((r) => r.name))]) {
    const rs = w.filter((r) => r.name === name);
    const items = rs.reduce((n, r) => n + r.size, 0);
    const d = rs.map((r) => r.end - r.start);
    const waited = rs.map((r) => r.start - r.firstSubmit);
    const sizes = rs.map((r) => r.size);
    console.log(
      `  ${name.padEnd(8)} ${rs.length} batches, ${items} items (${(items / seconds).toFixed(0)}/s); size p50 ${pct(sizes, 0.5)} max ${Math.max(...sizes)}; ` +
        `duration p50 ${pct(d, 0.5)} p90 ${pct(d, 0.9)} p99 ${pct(d, 0.99)} max ${Math.max(...d)} ms; ` +
        `oldest waited p50 ${pct(waited, 0.5)} p99 ${pct(waited, 0.99)} ms; beside another ${rs.filter((r) => r.beside > 0).length}; left some behind ${rs.filter((r) => r.behind > 0).length}`,
    );
  }
}
