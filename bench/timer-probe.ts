// `BENCH_PENDING=1000 BENCH_ROUNDS=2 pnpm exec tsx bench/timer-probe.ts`: the timer section alone
// (bench/timer-precision.ts) on a fresh stack; with BENCH_PG_STATEMENTS=1 it prints where
// Postgres spent its time (pg_stat_statements, planning and execution, mean per call).
import { createContext, closeContext } from './lib/context';
import { run } from './timer-precision';
import { sampleWaits } from './lib/pg-wait-sampler';
const ctx = await createContext({
  tenants: Number(process.env.BENCH_TENANTS ?? 8),
  log: console.log,
  // BENCH_PROFILE_DIR: V8 CPU profiles of web and worker (bench/lib/context.ts).
  profileDir: process.env.BENCH_PROFILE_DIR,
});
try {
  if (process.env.BENCH_PG_STATEMENTS) {
    await ctx.pool.query('create extension if not exists pg_stat_statements');
    await ctx.pool.query('select pg_stat_statements_reset()');
  }
  // What Postgres backends wait on meanwhile (lock waits name their statement).
  const stop = sampleWaits(ctx.pool, 50);
  const r = await run(ctx);
  console.log('waits', JSON.stringify(await stop()));
  for (const s of r.sizes)
    console.log(
      JSON.stringify({
        pending: s.pending,
        dueIn: s.dueIn,
        rounds: s.rounds.map((x) => [x.commitP50, x.commitP99, x.commitMax]),
      }),
    );
  if (process.env.BENCH_PG_STATEMENTS) {
    const top = await ctx.pool
      .query(`select calls, round((total_plan_time / nullif(calls, 0))::numeric, 2) as plan_mean, round((total_exec_time / nullif(calls, 0))::numeric, 2) as exec_mean,
        round(total_exec_time::numeric) as exec_ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) as query
      from pg_stat_statements where calls > 0 order by total_plan_time + total_exec_time desc limit 20`);
    console.table(top.rows);
  }
} finally {
  await closeContext(ctx);
}
process.exit(0);
