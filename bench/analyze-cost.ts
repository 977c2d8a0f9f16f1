// `pnpm exec tsx bench/analyze-cost.ts`: how long ANALYZE takes on each hot table after
// FILL_SECONDS (25) of routing at FILL_RATE (300/s). Autovacuum runs it on these tables while
// routing runs, on the same cores here; migration 0038 (payload columns without statistics)
// was measured with it (bench/notes.md, session 14). BENCH_ANALYZE_ALL_COLUMNS=1 first puts
// every column back to the default target, for the before figure.
import { createContext, closeContext } from './lib/context';
import { postLoad } from './lib/load';

const tables = ['run_steps', 'workflow_runs', 'conversations', 'conversation_events', 'messages', 'contacts', 'notifications', 'outbox_events'];
const ctx = await createContext({ tenants: 8, log: console.log });
try {
  await postLoad({ baseUrl: ctx.baseUrl, targets: ctx.tenants, rate: Number(process.env.FILL_RATE ?? 300), seconds: Number(process.env.FILL_SECONDS ?? 25), tag: 'fill' });
  await new Promise((r) => setTimeout(r, 3000));
  if (process.env.BENCH_ANALYZE_ALL_COLUMNS) {
    const cols = await ctx.pool.query(`select table_name, column_name from information_schema.columns where table_schema = 'public' and table_name = any($1)`, [tables]);
    for (const r of cols.rows) await ctx.pool.query(`alter table ${r.table_name} alter column ${r.column_name} set statistics -1`);
  }
  let total = 0;
  const out: string[] = [];
  for (const t of tables) {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = process.hrtime.bigint();
      await ctx.pool.query(`analyze ${t}`);
      runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const rows = await ctx.pool.query('select reltuples::bigint as n from pg_class where relname = $1', [t]);
    total += Math.min(...runs);
    out.push(`${t} (${rows.rows[0].n} rows) ${Math.min(...runs).toFixed(0)} ms`);
  }
  console.log(`ANALYZE, best of 3: ${total.toFixed(0)} ms in all — ${out.join(', ')}`);
} finally {
  await closeContext(ctx);
}
process.exit(0);
