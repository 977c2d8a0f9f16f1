// Scale-out (issue #20): the same routing and timer workload on four set-ups side by side, in
// one sitting, interleaved (pass 1: A, B, C, D; pass 2: A, B, C, D …) so a change in the machine's
// load hits every set-up alike:
//   A. one worker process, single Redis (the run's own context: what every other section measures)
//   B. two worker processes, single Redis
//   C. two worker processes split by queue (WORKER_QUEUES): one routes, one fires timers
//   D. one worker process, a local 3-master Redis Cluster (AOF every second, like the single Redis)
// Each set-up has its own Postgres, Redis (or cluster), web and worker(s), warmed up before
// its first pass. BENCH_SCALE_RATES (default 50,200,500), BENCH_SCALE_PASSES (default 2).
import { createContext, closeContext, type BenchContext } from './lib/context';
import { runRound } from './routing-throughput';
import { run as runTimers } from './timer-precision';
import { postLoad } from './lib/load';
import { SIZES } from './lib/scale';
import { median, round } from './lib/stats';
import { sleep } from './lib/context';
import { machineLoad } from './lib/machine';

type Setup = { name: string; workers: number; cluster: boolean; workerQueues?: string[] };
const SETUPS: Setup[] = [
  { name: '1 worker, single Redis', workers: 1, cluster: false },
  { name: '2 workers, single Redis', workers: 2, cluster: false },
  // WORKER_QUEUES: one process routes new conversations, the other fires timers.
  {
    name: '2 workers split: routing / timers, single Redis',
    workers: 2,
    cluster: false,
    workerQueues: ['events,deliveries', 'waits,sla'],
  },
  { name: '1 worker, Redis Cluster (3 masters)', workers: 1, cluster: true },
];

async function warm(ctx: BenchContext) {
  await postLoad({
    baseUrl: ctx.baseUrl,
    targets: ctx.tenants,
    rate: 30,
    seconds: 5,
    tag: 'scale-warm',
  });
  await postLoad({
    baseUrl: ctx.baseUrl,
    targets: ctx.tenants,
    rate: 150,
    seconds: 5,
    tag: 'scale-warm2',
  });
  await sleep(1000);
}

/** The timer section at 1,000 pending, one round per distribution (one tenant, all tenants). */
async function timerPass(ctx: BenchContext) {
  const saved = { pendingSizes: SIZES.pendingSizes, rounds: SIZES.rounds };
  Object.assign(SIZES, { pendingSizes: [1000], rounds: 1 });
  try {
    const res = await runTimers(ctx);
    return res.sizes.map((s) => ({
      dueIn: s.dueIn,
      p50: s.rounds[0]!.commitP50,
      p99: s.rounds[0]!.commitP99,
      max: s.rounds[0]!.commitMax,
      early: s.early,
      missing: s.missing,
    }));
  } finally {
    Object.assign(SIZES, saved);
  }
}

export async function run(ctx: BenchContext) {
  const rates = (process.env.BENCH_SCALE_RATES ?? '50,200,500').split(',').map(Number);
  const passes = Number(process.env.BENCH_SCALE_PASSES ?? 2);
  const contexts: (BenchContext | null)[] = SETUPS.map(() => null);
  const results = SETUPS.map((s) => ({
    ...s,
    routing: [] as Array<{
      pass: number;
      rate: number;
      p50: number;
      p99: number;
      handledShare: number;
      cpuMs: number | null;
    }>,
    timers: [] as Array<{
      pass: number;
      dueIn: string;
      p50: number;
      p99: number;
      max: number;
      early: number;
      missing: number;
    }>,
  }));
  try {
    for (let pass = 0; pass < passes; pass++) {
      for (const [i, setup] of SETUPS.entries()) {
        let c = contexts[i];
        if (!c) {
          // Set-up A is the run's own context (already warm from earlier sections, or warmed here).
          c =
            i === 0
              ? ctx
              : await createContext({
                  tenants: ctx.tenants.length,
                  log: ctx.log,
                  workers: setup.workers,
                  cluster: setup.cluster,
                });
          contexts[i] = c;
          await warm(c);
        }
        ctx.loads.push(machineLoad(`scale: ${setup.name}, pass ${pass + 1}`));
        for (const rate of rates) {
          const r = await runRound(
            c,
            rate,
            SIZES.routingRoundSeconds,
            `scale${i}-${rate}-${pass}`,
            true,
          );
          results[i]!.routing.push({
            pass,
            rate,
            p50: r.p50,
            p99: r.p99,
            handledShare: r.handledShare,
            cpuMs: r.cpuMsPerConversation?.total ?? null,
          });
          ctx.log(
            `[scale] ${setup.name}, pass ${pass + 1}, ${rate}/s: handled ${(r.handledShare * 100).toFixed(1)}%, p50 ${r.p50} ms, p99 ${r.p99} ms, CPU ${r.cpuMsPerConversation?.total ?? '?'} ms/conv`,
          );
          await sleep(1000);
        }
        for (const t of await timerPass(c)) {
          results[i]!.timers.push({ pass, ...t });
          ctx.log(
            `[scale] ${setup.name}, pass ${pass + 1}, timers (1,000 pending, due in ${t.dueIn}): lateness p50 ${t.p50} p99 ${t.p99} max ${t.max} ms, early ${t.early}`,
          );
        }
      }
    }
  } finally {
    for (const [i, c] of contexts.entries()) if (c && i > 0) await closeContext(c);
  }
  const summary = results.map((s) => ({
    name: s.name,
    workers: s.workers,
    cluster: s.cluster,
    routing: rates.map((rate) => {
      const rs = s.routing.filter((r) => r.rate === rate);
      return {
        rate,
        p99: round(median(rs.map((r) => r.p99))),
        p99s: rs.map((r) => r.p99),
        handled: round(median(rs.map((r) => r.handledShare)), 4),
        cpuMs: round(median(rs.flatMap((r) => (r.cpuMs === null ? [] : [r.cpuMs])))),
      };
    }),
    timers: [...new Set(s.timers.map((t) => t.dueIn))].map((dueIn) => {
      const ts = s.timers.filter((t) => t.dueIn === dueIn);
      return {
        dueIn,
        p99: round(median(ts.map((t) => t.p99))),
        p99s: ts.map((t) => t.p99),
        max: Math.max(...ts.map((t) => t.max)),
        early: ts.reduce((a, t) => a + t.early, 0),
      };
    }),
  }));
  return { rates, passes, setups: results, summary };
}
