import { writeFileSync } from 'node:fs';

type Lateness = { count: number; p50Ms: number; p99Ms: number; maxMs: number; minMs: number };
type ChaosResult = {
  ranAt: string; conversations: number; waitSeconds: number; ingestSeconds: number; totalSeconds: number; senderRetries: number;
  processes?: { web: number; worker: number };
  kills: { worker: number; web: number };
  invariants: { ok: boolean; violations: Record<string, number>; lateness: Lateness };
  outages: { kind: string; atS: number; downMs: number; waitsDueDuringOutage: Lateness }[];
  redisFlush: { pendingWaits: number; rebuildMs: number | null; allFiredMs: number | null } | null;
  restartMs?: Record<'worker' | 'web', { count: number; p50Ms: number; p90Ms: number; maxMs: number; minMs: number }>;
};

/** CHAOS.md: the last run's numbers in prose a reader can check against latest.json. */
export function writeChaosReport(file: string, r: ChaosResult) {
  const v = r.invariants.violations;
  const lines = [
    '# Chaos run',
    '',
    `Last run ${r.ranAt}: \`pnpm chaos\` (${r.conversations} conversations, waits of ${r.waitSeconds} s, messages offered over ${r.ingestSeconds} s, ${r.totalSeconds} s in all). Raw numbers: \`chaos/results/latest.json\`.`,
    '',
    `Processes: ${r.processes ? `${r.processes.web} web and ${r.processes.worker} worker` : '1 web and 1 worker'} on one Postgres and one Redis. Faults: workers SIGKILLed ${r.kills.worker}× in all, webs ${r.kills.web}× (each on its own schedule), Redis restarted once (AOF on), Postgres restarted once, Redis FLUSHALL once. Senders retried ${r.senderRetries} times through outages (every message carries an externalId).`,
    '',
    `## Invariants: ${r.invariants.ok ? 'all hold' : '**VIOLATED**'}`,
    '',
    '| check | violations |',
    '| --- | --- |',
    ...Object.entries(v).map(([k, n]) => `| ${k} | ${n} |`),
    '',
    `Wait lateness over all ${r.invariants.lateness.count} waits (reassignment commit − (assignment + wait), DB clock): p50 ${r.invariants.lateness.p50Ms} ms, p99 ${r.invariants.lateness.p99Ms} ms, max ${r.invariants.lateness.maxMs} ms, min ${r.invariants.lateness.minMs} ms (a proxy: \`created_at\` of a workflow's events is its decision time by the database clock, read under the lock; the strict never-early check against \`wake_at\` is \`apps/worker/src/duplicate-deliveries-every-job.int.test.ts\`, clock skew).`,
    '',
    ...(r.restartMs
      ? [
          `Restarts, spawn to working (a worker's first BullMQ worker connected, \`[worker] taking jobs\`; a web's \`[web] ready on\`): worker ${r.restartMs.worker.count}× p50 ${r.restartMs.worker.p50Ms} ms, p90 ${r.restartMs.worker.p90Ms} ms, max ${r.restartMs.worker.maxMs} ms (\`apps/worker/start.mjs\`, the bundle in \`apps/worker/dist\`); web ${r.restartMs.web.count}× p50 ${r.restartMs.web.p50Ms} ms, max ${r.restartMs.web.maxMs} ms (\`apps/web/start-server.mjs\`: \`server.ts\` bundled, then Next's start-up).`,
          '',
        ]
      : []),
    '## Waits that fell due during an outage',
    '',
    '| fault | at | down | waits due | p50 late | p99 late | max late |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...r.outages.map((o) => `| ${o.kind} | ${o.atS} s | ${o.downMs} ms | ${o.waitsDueDuringOutage.count} | ${o.waitsDueDuringOutage.p50Ms} ms | ${o.waitsDueDuringOutage.p99Ms} ms | ${o.waitsDueDuringOutage.maxMs} ms |`),
    '',
    '## Redis flushed entirely',
    '',
    r.redisFlush
      ? `${r.redisFlush.pendingWaits} waits were pending. No wait overdue again after ${r.redisFlush.rebuildMs ?? 'n/a'} ms; every wait due by the flush had fired after ${r.redisFlush.allFiredMs ?? 'n/a'} ms (reconciler every 1 s, grace 1 s in this run; defaults are 5 s / 3 s).`
      : 'No flush happened (run too short).',
    '',
    '## Reproduce',
    '',
    '`pnpm chaos` (10k conversations, ~4 min plus a web build); `CHAOS_SCALE=0.05 pnpm chaos` for 500. `CHAOS_SKIP_BUILD=1` reuses `apps/web/.next-chaos`. Knobs: `CHAOS_WAIT_SECONDS`, `CHAOS_RATE`, `CHAOS_MIN_SECONDS`, `CHAOS_WEB` (2) and `CHAOS_WORKERS` (3) processes. A scaled-down version runs in the regular suite: `apps/worker/src/chaos-kill-worker.int.test.ts`.',
    '',
  ];
  writeFileSync(file, lines.join('\n'));
}
