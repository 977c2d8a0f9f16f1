// `pnpm exec tsx bench/idle-cpu.ts`: CPU the stack burns with no traffic at all — web, worker,
// Postgres (every backend, per application_name) and Redis — after an optional routing round
// (RATE, SECONDS) that leaves pending waits behind as the routing bench does. What a process
// spends here is taken from every conversation's budget at any rate.
import { createContext, closeContext } from './lib/context';
import { cpuSnapshot, cpuSeconds } from './lib/cpu-time';
import { runRound } from './routing-throughput';

const idleSeconds = Number(process.env.IDLE_SECONDS ?? 20);
const ctx = await createContext({ tenants: Number(process.env.BENCH_TENANTS ?? 8), log: console.log });
try {
  const rate = Number(process.env.RATE ?? 0);
  if (rate > 0) await runRound(ctx, rate, Number(process.env.SECONDS ?? 8), 'idle-warm', false);
  await new Promise((r) => setTimeout(r, 3000));
  const backends = async () => {
    const { rows } = await ctx.pool.query<{ pid: number; app: string }>(
      `select pid, coalesce(nullif(application_name, ''), backend_type) as app from pg_stat_activity`,
    );
    return rows;
  };
  const before = cpuSnapshot(ctx.pids());
  const perBackendBefore = new Map((await backends()).map((b) => [b.pid, { app: b.app, cpu: cpuSeconds(b.pid) }]));
  const redisBefore = Number(/total_commands_processed:(\d+)/.exec(await ctx.redis.info('stats'))![1]);
  const xactsBefore = (await ctx.pool.query(`select xact_commit::bigint as n from pg_stat_database where datname = current_database()`)).rows[0].n;
  await new Promise((r) => setTimeout(r, idleSeconds * 1000));
  const after = cpuSnapshot(ctx.pids());
  const redisAfter = Number(/total_commands_processed:(\d+)/.exec(await ctx.redis.info('stats'))![1]);
  const xactsAfter = (await ctx.pool.query(`select xact_commit::bigint as n from pg_stat_database where datname = current_database()`)).rows[0].n;
  const perApp = new Map<string, number>();
  for (const [pid, b] of perBackendBefore) perApp.set(b.app, (perApp.get(b.app) ?? 0) + cpuSeconds(pid) - b.cpu);
  const pct = (s: number) => `${Math.round((s / idleSeconds) * 1000) / 10} %`;
  console.log(`[idle] ${idleSeconds} s with no traffic, CPU of one core:`);
  for (const k of ['web', 'worker', 'postgres', 'redis'] as const) console.log(`  ${k}: ${pct(after[k] - before[k])}`);
  console.log(`  postgres backends by application: ${[...perApp].filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1]).map(([a, s]) => `${a} ${pct(s)}`).join(', ')}`);
  console.log(`  redis commands/s: ${Math.round((redisAfter - redisBefore) / idleSeconds)}, pg transactions/s: ${Math.round((Number(xactsAfter) - Number(xactsBefore)) / idleSeconds)}`);
} finally {
  await closeContext(ctx);
}
