// Issue #20: a figure means something only next to the same run's bounds. This turns one
// results file into "headline ÷ bound" rows with the spread of each headline across its runs.
/* eslint-disable @typescript-eslint/no-explicit-any */
type R = any;

export type Spread = { n: number; min: number; median: number; max: number };
export type RelativeRow = { figure: string; spread: Spread; unit: string; bound: string; ratio: string };

const r1 = (x: number) => Math.round(x * 10) / 10;

export function spreadOf(values: readonly number[]): Spread | null {
  const xs = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  return { n: xs.length, min: r1(xs[0]!), median: r1(xs[Math.floor((xs.length - 1) / 2)]!), max: r1(xs[xs.length - 1]!) };
}

/** The machine's bounds from the physical section: what every ratio divides by. */
export function boundsOf(results: R) {
  const ph = results.physical ?? {};
  return {
    tpcb16: ph.postgres?.tpcbClients16?.tps as number | undefined,
    commitMs: ph.postgres?.tpcbClients1?.latencyAvgMs as number | undefined,
    redisSet: ph.redis?.pipeline1?.SET as number | undefined,
    cpuRefMs: ph.cpuReference?.medianMs as number | undefined,
  };
}

/** Rows for the report: latency figures ÷ one durable commit, CPU ÷ the reference workload, rates ÷ pgbench. */
export function relativeRows(results: R): RelativeRow[] {
  const b = boundsOf(results);
  const rows: RelativeRow[] = [];
  const ratio = (x: number | undefined, by: number | undefined, suffix: string) =>
    Number.isFinite(x) && Number.isFinite(by) && by! > 0 ? `${Number((x! / by!).toPrecision(3))}${suffix}` : 'n/a';
  // `--only=…` keeps older sections: a figure is divided by the bounds only when it was measured
  // within hours of them (same machine, same sitting), never by another day's bounds.
  const runs = (results.sectionRuns ?? {}) as Record<string, string>;
  const comparable = (section: string) => {
    const a = Date.parse(runs[section] ?? '');
    const b = Date.parse(runs.physical ?? '');
    return !Number.isFinite(a) || !Number.isFinite(b) || Math.abs(a - b) <= 3 * 3600_000;
  };
  let section = '';
  const add = (figure: string, values: number[], unit: string, bound: string, by: number | undefined, suffix: string) => {
    const spread = spreadOf(values);
    if (!spread) return;
    if (comparable(section)) rows.push({ figure, spread, unit, bound, ratio: ratio(spread.median, by, suffix) });
    else rows.push({ figure: `${figure} — measured ${runs[section]}`, spread, unit, bound: 'another sitting', ratio: 'not comparable' });
  };
  const commit = `one TPC-B transaction, 1 client (≈ a durable commit): ${b.commitMs ?? 'n/a'} ms`;
  const rt = results.routing ?? {};
  section = 'routing';
  for (const run of [rt.headline].filter(Boolean)) {
    add(`routing p99 at ${run.rate}/s for ${run.seconds} s (per run)`, run.runs.map((x: R) => x.p99), 'ms', commit, b.commitMs, '× a commit');
    add(`routing handled at ${run.rate}/s (per run)`, run.runs.map((x: R) => x.handledShare * 100), '%', '—', undefined, '');
    add(`CPU per conversation at ${run.rate}/s (per run, all processes)`, run.runs.map((x: R) => x.cpuMsPerConversation?.total), 'ms', `CPU reference workload: ${b.cpuRefMs ?? 'n/a'} ms`, b.cpuRefMs, '× the reference');
  }
  for (const rate of [50, 200]) {
    const rs = (rt.rounds ?? []).filter((x: R) => x.rate === rate);
    add(`routing p99 at ${rate}/s (per round)`, rs.map((x: R) => x.p99), 'ms', commit, b.commitMs, '× a commit');
  }
  if (rt.knee != null && rt.saturation != null)
    rows.push({ figure: 'knee (highest rate at p99 ≤ 100 ms) ÷ saturation (highest rate handled in full)', spread: { n: 1, min: rt.knee, median: rt.knee, max: rt.knee }, unit: '/s', bound: `saturation ${rt.saturation}/s`, ratio: ratio(rt.knee, rt.saturation, ' (target ≥ 0.5)') });
  const sustainedRate = rt.headline?.runs?.length ? rt.headline.rate : rt.sustained?.rate;
  if (sustainedRate && b.tpcb16)
    rows.push({ figure: 'routed rate tested', spread: { n: 1, min: sustainedRate, median: sustainedRate, max: sustainedRate }, unit: '/s', bound: `pgbench TPC-B 16 clients: ${b.tpcb16} tps`, ratio: ratio(sustainedRate, b.tpcb16, ' of TPC-B tps') });
  section = 'timers';
  for (const s of results.timers?.sizes ?? []) {
    const p99s = (s.rounds ?? []).map((x: R) => x.commitP99);
    add(`wait lateness p99, ${Number(s.pending).toLocaleString('en')} pending, ${s.dueIn ?? 'one tenant'} (per round)`, p99s, 'ms', commit, b.commitMs, '× a commit');
  }
  section = 'queue';
  const q = results.queue;
  if (q?.latencyMs) add('queue drain p99 (one run)', [q.latencyMs.p99], 'ms', commit, b.commitMs, '× a commit');
  section = 'sla';
  const sla = results.sla;
  if (sla?.rounds?.length) {
    add('SLA warning lateness p99 (per round)', sla.rounds.map((x: R) => x.warning?.p99 ?? x.warningP99), 'ms', commit, b.commitMs, '× a commit');
    add('SLA breach lateness p99 (per round)', sla.rounds.map((x: R) => x.breach?.p99 ?? x.breachP99), 'ms', commit, b.commitMs, '× a commit');
  }
  return rows;
}
