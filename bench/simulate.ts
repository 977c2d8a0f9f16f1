// 10. Simulation throughput (issue #19): a replay of 100k recorded conversations over 7 days
// of recorded availability (40 agents on shifts with breaks, two teams, capacity on a third
// of them, 70 % answered), the draft and the published version of the seed scenario with a
// queue — the engine's Simulation, as the worker runs it (slices of 2,000 events). Target:
// ≤ 10 s on 2 cores for the whole simulation; memory stated (heap growth and peak RSS).
// Then as the worker replays it (each version on a thread of its own at a lowered priority),
// then the same traffic written to Postgres as the system records it: its load
// timed apart (loadRecordedPeriod, the worker's first phase), and whole simulations through
// the bench's real worker process (claim, load, replay, store the result).
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createSimulation, createWorkflow, getSimulation, loadRecordedPeriod, publishWorkflow, replayWhole, tenant, updateWorkflow } from '@baton/db';
import { Simulation } from '@baton/engine';
import { replayVersionsInParallel } from '../apps/worker/src/replay-versions-in-parallel';
import { bundledThreadEntries } from '../apps/worker/src/thread-bundle';
import type { BenchContext } from './lib/context';
import { machineLoad } from './lib/machine';
import { SCALE } from './lib/scale';
import { seedRecordedTraffic, type RecordedWorkspace } from './simulate-recorded.sql';
import { benchVersions, syntheticTraffic } from './simulate-traffic';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Whole simulations through the worker (BENCH_SIMULATE_WORKER_RUNS, default 2). */
const WORKER_RUNS = Math.max(1, Number(process.env.BENCH_SIMULATE_WORKER_RUNS ?? 2));

/** A process's resident memory and CPU time so far (all its threads), from /proc; null elsewhere. */
function procUsage(pid: number): { rssMiB: number; cpuSeconds: number } | null {
  try {
    const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { rssMiB: rssKiB / 1024, cpuSeconds: (Number(f[11]) + Number(f[12])) / 100 };
  } catch {
    return null;
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function once(conversations: number) {
  const input = syntheticTraffic({ conversations, days: 7, agents: 40 });
  (globalThis as { gc?: () => void }).gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakRss = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const sim = new Simulation(input);
  let slices = 0;
  while (!sim.advance(2_000)) if (++slices % 50 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const result = sim.result();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const heapAfter = process.memoryUsage().heapUsed;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  return {
    seconds: Math.round(seconds * 100) / 100,
    cpuSeconds: Math.round(((cpu.user + cpu.system) / 1e6) * 100) / 100,
    heapGrowthMiB: Math.round((heapAfter - heapBefore) / 1048576),
    peakRssMiB: Math.round(peakRss / 1048576),
    resultKiB: Math.round(JSON.stringify(result).length / 1024),
    versions: result.versions.map((v) => ({ label: v.label, runs: v.runs, reassignments: v.reassignments, queued: v.queuedByHour.reduce((a, b) => a + b, 0), runStatus: v.runStatus })),
  };
}

/** The replay as the worker's simulation thread runs it: each version on a thread of its own. */
async function parallelOnce(conversations: number) {
  const input = syntheticTraffic({ conversations, days: 7, agents: 40 });
  // The threads' bundled entry, as the worker starts them (built once, before the clock starts).
  const { versionReplay } = await bundledThreadEntries();
  let peakRss = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  // The whole period at once (pages of 2,000 handed over immediately): the replay alone, no load.
  const result = await replayWhole(replayVersionsInParallel(4096, { entry: versionReplay }), input, async () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  });
  const cpu = process.cpuUsage(cpu0);
  return {
    seconds: Math.round((performance.now() - t0) / 10) / 100,
    // The process's, both threads included.
    cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
    peakRssMiB: Math.round(Math.max(peakRss, process.memoryUsage().rss) / 1048576),
    runs: result.versions.map((v) => v.runs),
  };
}

/**
 * A whole simulation through the bench's worker process: started → finished as the row records
 * them; the worker process's peak RSS while it ran (sampled every 100 ms) and its CPU time
 * (every thread, the worker's other work included), and the machine's load as it started.
 */
async function workerOnce(ctx: BenchContext, recorded: RecordedWorkspace, workflowId: string) {
  const t = tenant(ctx.db.db, recorded.workspaceId);
  const load1 = Math.round(loadavg()[0]! * 100) / 100;
  const before = procUsage(ctx.worker.pid);
  let peakRss = before?.rssMiB ?? 0;
  const t0 = performance.now();
  const { id } = await createSimulation(t, workflowId, { from: recorded.from, to: recorded.to, seed: 1 }, recorded.memberId);
  for (;;) {
    const s = await getSimulation(t, id);
    const now = procUsage(ctx.worker.pid);
    peakRss = Math.max(peakRss, now?.rssMiB ?? 0);
    if (s.status !== 'queued' && s.status !== 'running') {
      if (s.status !== 'succeeded') throw new Error(`simulation ${s.status}: ${s.error}`);
      return {
        seconds: Math.round((s.finishedAt!.getTime() - s.startedAt!.getTime()) / 10) / 100,
        secondsFromRequest: Math.round((performance.now() - t0) / 10) / 100,
        workerPeakRssMiB: before ? Math.round(peakRss) : null,
        workerCpuSeconds: before && now ? Math.round((now.cpuSeconds - before.cpuSeconds) * 100) / 100 : null,
        load1,
        runs: s.result!.versions.map((v) => v.runs),
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Loading the recorded period from Postgres, as the worker does before the replay. */
async function loadOnce(ctx: BenchContext, recorded: Awaited<ReturnType<typeof seedRecordedTraffic>>) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let pages = 0;
  const period = await loadRecordedPeriod(tenant(ctx.db.db, recorded.workspaceId), { from: recorded.from, to: recorded.to }, { onPage: async () => void pages++ });
  const cpu = process.cpuUsage(cpu0);
  return {
    seconds: Math.round((performance.now() - t0) / 10) / 100,
    nodeCpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
    pages,
    openings: period.openings.length,
    availabilityChanges: period.availability.length,
  };
}

export async function run(ctx: BenchContext) {
  const conversations = SCALE === 'small' ? 10_000 : 100_000;
  ctx.loads.push(machineLoad('simulate: start'));
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) {
    rounds.push(once(conversations));
    ctx.log(`[bench] simulate round ${i + 1}: ${JSON.stringify(rounds.at(-1))}`);
  }
  const parallel = [];
  for (let i = 0; i < 2; i++) {
    parallel.push(await parallelOnce(conversations));
    ctx.log(`[bench] simulate parallel round ${i + 1}: ${JSON.stringify(parallel.at(-1))}`);
  }
  ctx.loads.push(machineLoad('simulate: replay end'));
  const seedT0 = performance.now();
  const traffic = syntheticTraffic({ conversations, days: 7, agents: 40 });
  const recorded = await seedRecordedTraffic(ctx.db.db, ctx.pool, traffic);
  ctx.log(`[bench] simulate: recorded ${recorded.conversations} conversations in Postgres in ${Math.round((performance.now() - seedT0) / 1000)} s`);
  const loads = [];
  for (let i = 0; i < 2; i++) {
    loads.push(await loadOnce(ctx, recorded));
    ctx.log(`[bench] simulate load ${i + 1}: ${JSON.stringify(loads.at(-1))}`);
  }
  // The bench traffic's two versions, on the recorded workspace's teams.
  const t = tenant(ctx.db.db, recorded.workspaceId);
  const { published, draft } = benchVersions(recorded.teams.Sales!, recorded.teams.Support!);
  const { id: workflowId } = await createWorkflow(t, { name: 'Simulation bench', definition: published }, recorded.memberId);
  await publishWorkflow(t, workflowId, recorded.memberId);
  await updateWorkflow(t, workflowId, { definition: draft }, recorded.memberId);
  const throughWorker = [];
  for (let i = 0; i < WORKER_RUNS; i++) {
    throughWorker.push(await workerOnce(ctx, recorded, workflowId));
    ctx.log(`[bench] simulate through the worker ${i + 1}: ${JSON.stringify(throughWorker.at(-1))}`);
  }
  ctx.loads.push(machineLoad('simulate: end'));
  return {
    parallel,
    parallelSecondsMedian: median(parallel.map((r) => r.seconds)),
    throughWorker,
    throughWorkerSecondsMedian: median(throughWorker.map((r) => r.seconds)),
    loads,
    loadSecondsMedian: median(loads.map((l) => l.seconds)),
    conversations,
    days: 7,
    agents: 40,
    rounds,
    secondsMedian: median(rounds.map((r) => r.seconds)),
    cpuSecondsMedian: median(rounds.map((r) => r.cpuSeconds)),
    peakRssMiBMax: Math.max(...rounds.map((r) => r.peakRssMiB)),
    heapGrowthMiBMedian: median(rounds.map((r) => r.heapGrowthMiB)),
  };
}
