// `pnpm exec tsx bench/routing-probe.ts` (RATES=20,50): a short routing run that also samples what
// Postgres backends wait on (pg_stat_activity) — how the cursor-lock queue was found.
import { createContext, closeContext } from './lib/context';
import { runRound } from './routing-throughput';
import { sampleWaits } from './lib/pg-wait-sampler';
import { postLoad } from './lib/load';
import { sampleGinPending } from './lib/gin-pending-sampler';
const ctx = await createContext({ tenants: Number(process.env.BENCH_TENANTS ?? 4), log: console.log, profileDir: process.env.BENCH_PROFILE_DIR });
try {
  if (process.env.BENCH_PG_STATEMENTS) await ctx.pool.query('create extension if not exists pg_stat_statements');
  if (process.env.WARM) {
    // The full bench's warm-up, so the first round does not measure JIT compilation.
    await postLoad({ baseUrl: ctx.baseUrl, targets: ctx.tenants, rate: 30, seconds: 5, tag: 'warm' });
    await postLoad({ baseUrl: ctx.baseUrl, targets: ctx.tenants, rate: 150, seconds: 5, tag: 'warm2' });
    if (process.env.BENCH_PG_STATEMENTS) await ctx.pool.query('select pg_stat_statements_reset()');
  }
  // IDLE_SECONDS: the stack sits idle first (a scale-out set-up waits minutes between its passes).
  if (process.env.IDLE_SECONDS) await new Promise((r) => setTimeout(r, Number(process.env.IDLE_SECONDS) * 1000));
  // BENCH_WAL=1: how much WAL the rounds wrote, and how much of it was full-page images.
  if (process.env.BENCH_WAL) await ctx.pool.query("select pg_stat_reset_shared('wal')");
  for (const [i, rate] of (process.env.RATES ?? '50').split(',').map(Number).entries()) {
    const stop = sampleWaits(ctx.pool, 100, Boolean(process.env.DETAIL));
    // BENCH_GIN=1: when the trigram indexes' pending lists are merged, and by whom (bench/lib/gin-pending-sampler.ts).
    const stopGin = process.env.BENCH_GIN ? sampleGinPending(ctx.pool) : null;
    const r = await runRound(ctx, rate, Number(process.env.SECONDS ?? 6), `probe${rate}-${i}`, true);
    console.log(rate, JSON.stringify({ p50: r.p50, p99: r.p99, http50: r.httpP50, http99: r.httpP99, stages: r.stages, inline: r.inlineShare, handled: r.handledShare, redisByCommand: r.redisCommands, pgCommits: r.pgCommitsPerConversation, redisCommands: r.redisCommandsPerConversation, cpuMs: r.cpuMsPerConversation }), JSON.stringify(await stop()));
    if (stopGin) console.log('gin pending', JSON.stringify(await stopGin()));
  }
  if (process.env.BENCH_WAL) {
    const wal = await ctx.pool.query('select wal_records, wal_fpi, wal_bytes, wal_buffers_full from pg_stat_wal');
    console.log('wal', JSON.stringify(wal.rows[0]));
  }
  if (process.env.BENCH_TABLE_SCANS) {
    // Which tables were read whole, and how many rows that read (a plan chosen while a table was
    // small, kept until autovacuum's ANALYZE, shows here).
    const scans = await ctx.pool.query(`select relname, seq_scan, seq_tup_read, idx_scan, n_live_tup, n_dead_tup,
        last_autoanalyze is not null as analyzed from pg_stat_user_tables where seq_tup_read > 0 order by seq_tup_read desc limit 12`);
    console.table(scans.rows);
  }
  if (process.env.BENCH_PG_STATEMENTS) {
    // Where Postgres spends its time: planning vs executing, per statement, over every round.
    const top = await ctx.pool.query(`select calls, round(total_plan_time::numeric, 1) as plan_ms, round(total_exec_time::numeric, 1) as exec_ms,
        left(regexp_replace(query, '\\s+', ' ', 'g'), 100) as query, toplevel
      from pg_stat_statements order by total_plan_time + total_exec_time desc limit ${Number(process.env.BENCH_PG_TOP ?? 15)}`);
    console.table(top.rows);
    const all = await ctx.pool.query(`select sum(calls)::int as calls, round(sum(total_plan_time)::numeric) as plan_ms, round(sum(total_exec_time)::numeric) as exec_ms from pg_stat_statements`);
    console.log('all statements', all.rows[0]);
    if (process.env.BENCH_PG_NESTED) {
      const fns = await ctx.pool.query(`select funcname, calls, round(total_time::numeric, 1) as total_ms, round(self_time::numeric, 1) as self_ms
        from pg_stat_user_functions order by total_time desc limit 15`);
      console.table(fns.rows);
    }
  }
} finally {
  await closeContext(ctx);
}
process.exit(0);
