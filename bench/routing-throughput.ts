// 1. End-to-end routing: customer messages posted to the public API at fixed rates; for
// each, the share routed and the latency from request send to "assignment committed and
// wait timer scheduled". Measured without polling the path itself:
//   commit time  = pg_xact_commit_timestamp(xmin) of the conversation's `assigned` event
//                  (Postgres clock = this machine's clock);
//   timer time   = the BullMQ wait job's `timestamp` (set by the worker when it hands the
//                  committed wait to Redis, same clock);
//   latency      = max(commit, timer) − the load generator's send time.
import { waitJobId, QUEUE_NAMES, queuePrefix } from '@baton/queue';
import { postLoad, type LoadResult } from './lib/load';
import { summarize, acrossRounds, round } from './lib/stats';
import { SIZES } from './lib/scale';
import { diffCounts, pgCommits, redisCommandCounts, sleep, type BenchContext } from './lib/context';
import { machineLoad } from './lib/machine';
import { cpuDelta, cpuSnapshot } from './lib/cpu-time';

export type RoutingRound = {
  rate: number;
  round: number;
  offered: number;
  accepted: number;
  dropped: number;
  failed: number;
  handledShare: number;
  p50: number;
  p99: number;
  max: number;
  httpP50: number;
  httpP99: number;
  /** p50/p99 of each stage: send → message committed → assignment committed → timer in Redis. */
  stages?: Record<string, { p50: number; p99: number }>;
  pgCommitsPerConversation?: number;
  redisCommandsPerConversation?: number;
  redisCommands?: Record<string, number>;
  /** CPU milliseconds per routed conversation, by process (user + system). */
  cpuMsPerConversation?: Record<string, number>;
  /** Share of the conversations the API routed in their message's own transaction (inline). */
  inlineShare?: number;
};

/** Latency of each accepted request to its committed assignment + scheduled timer. */
export async function routedLatencies(ctx: BenchContext, load: LoadResult, settleMs = 6_000) {
  const accepted = load.sent.filter((s) => s.status === 201);
  const byId = new Map(accepted.map((s) => [s.externalId, s]));
  const ids = [...byId.keys()];
  const deadline = Date.now() + settleMs;
  let rows: { external_id: string; commit_ms: string; message_commit_ms: string; run_id: string; wait_seq: number }[];
  for (;;) {
    rows = [];
    for (let i = 0; i < ids.length; i += 5000) {
      const res = await ctx.pool.query(
        `select ct.external_id, extract(epoch from pg_xact_commit_timestamp(e.xmin)) * 1000 as commit_ms,
                (select extract(epoch from pg_xact_commit_timestamp(m.xmin)) * 1000 from messages m
                  where m.conversation_id = cv.id order by m.created_at limit 1) as message_commit_ms, r.id as run_id, r.wait_seq
           from contacts ct
           join conversations cv on cv.contact_id = ct.id
           join conversation_events e on e.conversation_id = cv.id and e.type = 'assigned'
           join workflow_runs r on r.conversation_id = cv.id and r.status = 'waiting'
          where ct.external_id = any($1::text[])`,
        [ids.slice(i, i + 5000)],
      );
      rows.push(...res.rows);
    }
    if (rows.length >= ids.length || Date.now() > deadline) break;
    await sleep(500);
  }
  const pipe = ctx.redis.pipeline();
  // On a cluster every key of the waits queue carries its hash tag (one slot: one pipeline).
  const prefix = queuePrefix(ctx.app.BATON_QUEUE_PREFIX, QUEUE_NAMES.waits, ctx.cluster);
  for (const r of rows) pipe.hget(`${prefix}:${QUEUE_NAMES.waits}:${waitJobId(r.run_id, r.wait_seq)}`, 'timestamp');
  const stamps = (await pipe.exec()) ?? [];
  const latencies: number[] = [];
  const timeline: Array<{ sentMs: number; latency: number; committed: number }> = [];
  // Where the time goes: send → message committed (web), → assignment committed (queue hop
  // and the worker's transaction), → timer in Redis (the worker's hand-off), → HTTP answer.
  const stages = { messageCommitted: [] as number[], assignmentCommitted: [] as number[], timerScheduled: [] as number[] };
  let inline = 0;
  rows.forEach((r, i) => {
    const timerMs = Number(stamps[i]?.[1]);
    if (!Number.isFinite(timerMs)) return;
    const sent = byId.get(r.external_id)!.sentMs;
    latencies.push(Math.max(Number(r.commit_ms), timerMs) - sent);
    timeline.push({ sentMs: sent, latency: Math.max(Number(r.commit_ms), timerMs) - sent, committed: Number(r.message_commit_ms) - sent });
    stages.messageCommitted.push(Number(r.message_commit_ms) - sent);
    stages.assignmentCommitted.push(Number(r.commit_ms) - Number(r.message_commit_ms));
    stages.timerScheduled.push(timerMs - Number(r.commit_ms));
    // One transaction stored the message and assigned it: the same commit timestamp.
    if (Number(r.commit_ms) === Number(r.message_commit_ms)) inline += 1;
  });
  return { accepted: accepted.length, latencies, stages, timeline, inlineShare: latencies.length ? inline / latencies.length : 0 };
}

export async function runRound(ctx: BenchContext, rate: number, seconds: number, tag: string, countCosts: boolean) {
  const beforeRedis = countCosts ? await redisCommandCounts(ctx.redis) : {};
  const beforePg = countCosts ? await pgCommits(ctx.pool) : 0;
  const beforeCpu = cpuSnapshot(ctx.pids());
  const load = await postLoad({ baseUrl: ctx.baseUrl, targets: ctx.tenants, rate, seconds, tag });
  // CPU until the last assignment is in (routedLatencies waits for it), before our own reads.
  const { accepted, latencies, stages, timeline, inlineShare } = await routedLatencies(ctx, load);
  if (process.env.BENCH_TIMELINE) {
    // Per 500 ms of send time: p50 / p99 / max — is the tail spread out or one stall?
    const t0 = Math.min(...timeline.map((t) => t.sentMs));
    const slotOf = (t: { sentMs: number }) => Math.floor((t.sentMs - t0) / 500);
    const addTo = (m: Map<number, number[]>, k: number, v: number) => (m.get(k) ?? m.set(k, []).get(k)!).push(v);
    const slots = new Map<number, number[]>();
    for (const t of timeline) addTo(slots, slotOf(t), t.latency);
    ctx.log([...slots].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${(k / 2).toFixed(1)}s ${summarize(v).p50}/${summarize(v).p99}/${summarize(v).max}`).join('  '));
    // The slow slots' message-commit p99 apart: a stall before the commit (web, Postgres) or after it (the hand-off to Redis).
    const slow = new Map<number, number[]>();
    for (const t of timeline) if (t.latency > 150) addTo(slow, slotOf(t), t.committed);
    if (slow.size) ctx.log(`slow slots, message committed p50/max: ${[...slow].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${(k / 2).toFixed(1)}s ${summarize(v).p50}/${summarize(v).max}`).join('  ')}`);
  }
  const afterCpu = cpuSnapshot(ctx.pids());
  const out: Omit<RoutingRound, 'rate' | 'round'> = {
    offered: load.offered,
    accepted,
    dropped: load.dropped,
    failed: load.errors + load.sent.filter((s) => s.status !== 201).length,
    handledShare: round(latencies.length / load.offered, 4),
    ...pick(summarize(latencies)),
    httpP50: summarize(load.sent.map((s) => s.responseMs).filter(Number.isFinite)).p50,
    httpP99: summarize(load.sent.map((s) => s.responseMs).filter(Number.isFinite)).p99,
    stages: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, { p50: summarize(v).p50, p99: summarize(v).p99 }])),
    inlineShare: round(inlineShare, 3),
  };
  if (countCosts) {
    // Let backends flush their statistics (at most once a second) before reading them.
    await sleep(1500);
    const afterPg = await pgCommits(ctx.pool);
    const redisCommands = diffCounts(await redisCommandCounts(ctx.redis), beforeRedis);
    delete redisCommands.info; // our own counter reads
    const total = Object.values(redisCommands).reduce((a, b) => a + b, 0);
    out.pgCommitsPerConversation = round((afterPg - beforePg - 2) / Math.max(1, latencies.length), 2);
    out.redisCommandsPerConversation = round(total / Math.max(1, latencies.length), 2);
    out.cpuMsPerConversation = cpuDelta(afterCpu, beforeCpu, latencies.length);
    out.redisCommands = Object.fromEntries(Object.entries(redisCommands).map(([k, v]) => [k, round(v / Math.max(1, latencies.length), 2)]));
  }
  return out;
}

const pick = (s: ReturnType<typeof summarize>) => ({ p50: s.p50, p99: s.p99, max: s.max });

export async function run(ctx: BenchContext) {
  const rounds: RoutingRound[] = [];
  ctx.loads.push(machineLoad('routing: start'));
  // Warm the web app's routes, the worker's modules and both pools before measuring (the first
  // seconds after start load code and open connections).
  await postLoad({ baseUrl: ctx.baseUrl, targets: ctx.tenants, rate: 30, seconds: 5, tag: 'warm' });
  await postLoad({ baseUrl: ctx.baseUrl, targets: ctx.tenants, rate: 150, seconds: 5, tag: 'warm2' });
  await sleep(1000);
  for (const rate of SIZES.routingRates) {
    for (let r = 0; r < SIZES.rounds; r++) {
      const res = await runRound(ctx, rate, SIZES.routingRoundSeconds, `rt${rate}-${r}`, r === 0);
      rounds.push({ rate, round: r, ...res });
      ctx.log(`[routing] ${rate}/s round ${r}: handled ${(res.handledShare * 100).toFixed(1)}%, p50 ${res.p50} ms, p99 ${res.p99} ms, dropped ${res.dropped}${res.pgCommitsPerConversation ? `, ${res.pgCommitsPerConversation} pg xacts/conv, ${res.redisCommandsPerConversation} redis cmds/conv, CPU ms/conv ${JSON.stringify(res.cpuMsPerConversation)}` : ''}`);
      await sleep(1000);
    }
    ctx.loads.push(machineLoad(`routing: after ${rate}/s`));
  }
  const byRate = SIZES.routingRates.map((rate) => {
    const rs = rounds.filter((r) => r.rate === rate);
    return { rate, ...acrossRounds(rs, ['handledShare', 'p50', 'p99', 'max', 'httpP50', 'httpP99', 'dropped']) };
  });
  const ok = (b: (typeof byRate)[number]) => b.p99.median <= 100 && b.handledShare.median >= 0.99;
  const candidates = byRate.filter(ok).map((b) => b.rate);
  // Knee: the highest rate at p99 ≤ 100 ms; saturation: the highest rate still handled in full.
  // Issue #20 asks for knee ≥ saturation ÷ 2 (latency must not collapse long before throughput).
  const knee = candidates.length ? Math.max(...candidates) : null;
  const saturated = byRate.filter((b) => b.handledShare.median >= 0.999).map((b) => b.rate);
  const saturation = saturated.length ? Math.max(...saturated) : null;
  const runSustained = async (rate: number, run: number) => {
    const res = await runRound(ctx, rate, SIZES.sustainSeconds, `sustain${rate}-${run}`, true);
    ctx.log(`[routing] sustained ${rate}/s for ${SIZES.sustainSeconds} s, run ${run + 1}: handled ${(res.handledShare * 100).toFixed(1)}%, p50 ${res.p50} ms, p99 ${res.p99} ms`);
    await sleep(2000);
    return { rate, seconds: SIZES.sustainSeconds, result: res };
  };
  let sustained: { rate: number; seconds: number; result: Omit<RoutingRound, 'rate' | 'round'> } | null = null;
  // Confirm the best passing rate for the full window; step down once if it does not hold.
  for (const rate of [...candidates].reverse().slice(0, 2)) {
    const res = await runSustained(rate, 0);
    sustained = res;
    if (res.result.p99 <= 100 && res.result.handledShare >= 0.99) break;
    sustained = null;
  }
  // The headline (500/s when the ladder reaches it) run SIZES.sustainRuns times: its spread,
  // not one lucky run, is what the report states.
  const headlineRate = SIZES.routingRates.includes(500) ? 500 : Math.max(...SIZES.routingRates.filter((r) => r <= 500));
  const headline: Awaited<ReturnType<typeof runSustained>>[] = [];
  if (sustained?.rate === headlineRate) headline.push(sustained);
  while (headline.length < SIZES.sustainRuns) headline.push(await runSustained(headlineRate, headline.length));
  ctx.loads.push(machineLoad('routing: end'));
  return { rounds, byRate, sustained, knee, saturation, headline: { rate: headlineRate, seconds: SIZES.sustainSeconds, runs: headline.map((h) => h.result) }, tenants: ctx.tenants.length };
}
