// Diagnostics for the SLA bench's early-round stall (bench/notes.md, session 7 and helper "sla"): per round,
// what the planner and autovacuum did to the tables the firing touches, the claim statement's
// plan, and — with BATON_SLA_TRACE_FILE set for the worker (apps/worker/src/sla-stage-trace.ts)
// — where each timer's lateness went: Redis timer fire → claim statement → commit.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { summarize } from './lib/stats';

const TABLES = ['conversations', 'sla_clocks', 'conversation_events', 'outbox_events', 'sla_sync_queue'];

/** Analyze/vacuum state of the tables the firing reads and writes. */
export async function tableStats(pool: pg.Pool) {
  const { rows } = await pool.query(
    `select relname as table, n_live_tup::int as live, n_mod_since_analyze::int as "modSinceAnalyze",
            to_char(last_autoanalyze, 'HH24:MI:SS.MS') as "lastAutoanalyze", autoanalyze_count::int as autoanalyzes,
            to_char(last_analyze, 'HH24:MI:SS.MS') as "lastAnalyze",
            to_char(last_autovacuum, 'HH24:MI:SS.MS') as "lastAutovacuum", autovacuum_count::int as autovacuums
       from pg_stat_user_tables where relname = any($1) order by relname`,
    [TABLES],
  );
  return rows;
}

/** Checkpoints so far and the buffers they wrote (PG 17+: pg_stat_checkpointer): a checkpoint after the bulk load stalls commits. */
export async function checkpointStats(pool: pg.Pool) {
  const { rows } = await pool.query(
    `select num_timed::int as timed, num_requested::int as requested, buffers_written::int as "buffersWritten",
            to_char(stats_reset, 'HH24:MI:SS') as reset from pg_stat_checkpointer`,
  );
  return rows[0];
}

/** Samples pg_stat_activity for autovacuum workers while a round runs: which tables, when (ms since start). */
export function watchAutovacuum(pool: pg.Pool, everyMs = 200) {
  const started = Date.now();
  const seen: Array<{ atMs: number; query: string }> = [];
  let stop = false;
  const loop = (async () => {
    while (!stop) {
      const { rows } = await pool.query(
        `select left(query, 70) as q from pg_stat_activity where backend_type = 'autovacuum worker' and query <> ''
         union all select 'checkpoint: ' || wait_event from pg_stat_activity
          where backend_type = 'checkpointer' and wait_event is not null and wait_event not in ('CheckpointerMain', 'CheckpointWriteDelay')`,
      );
      for (const r of rows) seen.push({ atMs: Date.now() - started, query: r.q });
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return async () => {
    stop = true;
    await loop;
    // One line per table and kind: first and last time seen.
    const spans = new Map<string, { from: number; to: number }>();
    for (const s of seen) {
      const span = spans.get(s.query) ?? { from: s.atMs, to: s.atMs };
      span.to = s.atMs;
      spans.set(s.query, span);
    }
    return [...spans].map(([query, span]) => ({ query, ...span }));
  };
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the claim statement exactly as the worker sends it (the text
 * pinned by hot-statements.test.ts), on `clocks` of a workspace whose clocks are far from due, in
 * a transaction rolled back (the locks it takes are released at once). Returns the plan's shape
 * (node types) and timings, JIT included when the planner chose it.
 */
export async function explainClaim(pool: pg.Pool, clocks: Array<{ w: string; k: string }>) {
  const text = readFileSync(path.join(import.meta.dirname, '../packages/db/src/sql/statements/fire-sla-timer.lock.sql'), 'utf8');
  const client = await pool.connect();
  try {
    await client.query('begin');
    const { rows } = await client.query(`explain (analyze, buffers, format json) ${text}`, [JSON.stringify(clocks), clocks.length]);
    await client.query('rollback');
    // The worker sends the claim as a named prepared statement (sql/named-statement.ts): after five
    // executions Postgres may keep a generic plan, made from the statistics of that moment.
    const generic = await client.query(`explain (generic_plan, format json) ${text}`);
    const genericPlan = generic.rows[0]['QUERY PLAN'][0];
    const plan = rows[0]['QUERY PLAN'][0];
    const nodes: string[] = [];
    const walk = (n: { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: unknown[] }) => {
      nodes.push(n['Relation Name'] ? `${n['Node Type']}(${n['Index Name'] ?? n['Relation Name']})` : n['Node Type']);
      for (const c of (n.Plans ?? []) as (typeof n)[]) walk(c);
    };
    walk(plan.Plan);
    const custom = nodes.filter((n) => /Scan/.test(n));
    nodes.length = 0;
    walk(genericPlan.Plan);
    return {
      genericCost: genericPlan.Plan['Total Cost'],
      genericScans: nodes.filter((n) => /Scan/.test(n)),
      sharedHit: plan.Plan['Shared Hit Blocks'],
      sharedRead: plan.Plan['Shared Read Blocks'],
      sharedDirtied: plan.Plan['Shared Dirtied Blocks'],
      planningMs: plan['Planning Time'],
      executionMs: plan['Execution Time'],
      totalCost: plan.Plan['Total Cost'],
      jitMs: plan.JIT ? plan.JIT.Timing?.Total ?? null : null,
      scans: custom,
    };
  } catch (err) {
    await client.query('rollback').catch(() => {});
    return { error: (err as Error).message };
  } finally {
    client.release();
  }
}

type TraceBatch = { items: Array<{ clock: string; phase: string; due: number | null; picked: number; submitted: number }>; start: number; claimed: number; committed: number };

/**
 * Stage timings of the round's timers from the worker's trace (ms after the due time): picked
 * from Redis, joined a batch, the batch's transaction began, its claim statement returned, it
 * committed. The worst timer's batch is given whole, to tell a slow claim from a queue behind one.
 */
export function stageTimings(clockIds: ReadonlySet<string>) {
  const file = process.env.BATON_SLA_TRACE_FILE;
  if (!file || !existsSync(file)) return null;
  const batches: TraceBatch[] = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const rows: Array<{ picked: number; submitted: number; start: number; claimed: number; committed: number; claimMs: number; commitMs: number; batch: number }> = [];
  for (const b of batches)
    for (const i of b.items) {
      if (!clockIds.has(i.clock) || i.due === null) continue;
      rows.push({
        picked: i.picked - i.due,
        submitted: i.submitted - i.due,
        start: b.start - i.due,
        claimed: b.claimed - i.due,
        committed: b.committed - i.due,
        claimMs: b.claimed - b.start,
        commitMs: b.committed - b.claimed,
        batch: b.items.length,
      });
    }
  if (rows.length === 0) return null;
  const of = (k: keyof (typeof rows)[number]) => summarize(rows.map((r) => r[k]));
  const worst = rows.reduce((a, r) => (r.committed > a.committed ? r : a));
  return {
    timers: rows.length,
    pickedAfterDue: of('picked'),
    batchStartAfterDue: of('start'),
    committedAfterDue: of('committed'),
    claimMs: of('claimMs'),
    commitMs: of('commitMs'),
    batchSize: of('batch'),
    worst,
  };
}
