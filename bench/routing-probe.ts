// `pnpm exec tsx bench/routing-probe.ts` (RATES=20,50): a short routing run that also samples what
// Postgres backends wait on (pg_stat_activity) — how the cursor-lock queue was found.
import { createContext, closeContext } from './lib/context';
import { runRound } from './routing-throughput';
import { sampleWaits } from './lib/pg-wait-sampler';
const ctx = await createContext({ tenants: 4, log: console.log, profileDir: process.env.BENCH_PROFILE_DIR });
try {
  for (const rate of (process.env.RATES ?? '50').split(',').map(Number)) {
    const stop = sampleWaits(ctx.pool, 100, Boolean(process.env.DETAIL));
    const r = await runRound(ctx, rate, Number(process.env.SECONDS ?? 6), `probe${rate}`, true);
    console.log(rate, JSON.stringify({ p50: r.p50, p99: r.p99, http50: r.httpP50, http99: r.httpP99, handled: r.handledShare, pgCommits: r.pgCommitsPerConversation, redisCommands: r.redisCommandsPerConversation, cpuMs: r.cpuMsPerConversation }), JSON.stringify(await stop()));
  }
} finally {
  await closeContext(ctx);
}
process.exit(0);
