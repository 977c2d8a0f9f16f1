// The invariants a fault run must keep, as SQL over Postgres (the source of truth). Shared by
// `pnpm chaos` and the scaled-down int test (apps/worker/src/chaos-kill-worker.int.test.ts).
// The workflow is the seed's: assign the first team → wait → (still open, no reply) assign the
// second team → comment mentioning the new assignee. Nobody replies in a chaos run, so every
// conversation must end with exactly one 'assigned', one 'reassigned' and one comment.
import type { DatabaseHandle } from '@baton/db';

type Pool = DatabaseHandle['pool'];

export type InvariantReport = {
  conversations: number;
  violations: {
    runsPerConversationNotOne: number;
    assignedNotOne: number;
    reassignedNotOne: number;
    commentsNotOne: number;
    duplicateEventEffectKeys: number;
    duplicateCommentEffectKeys: number;
    runsNotCompleted: number;
    waitsOverdue: number;
    runsStuckRunning: number;
  };
  lateness: { count: number; p50Ms: number; p99Ms: number; maxMs: number; minMs: number };
  ok: boolean;
};

/** What a clean run's `violations` are: every count zero (tests compare the whole object, so a new invariant is seen). */
export const NO_VIOLATIONS: InvariantReport['violations'] = {
  runsPerConversationNotOne: 0,
  assignedNotOne: 0,
  reassignedNotOne: 0,
  commentsNotOne: 0,
  duplicateEventEffectKeys: 0,
  duplicateCommentEffectKeys: 0,
  runsNotCompleted: 0,
  waitsOverdue: 0,
  runsStuckRunning: 0,
};

export async function checkInvariants(pool: Pool, workspaceId: string, opts: { waitMs: number; graceMs?: number }): Promise<InvariantReport> {
  const grace = opts.graceMs ?? 10_000;
  const one = async (text: string, params: unknown[] = [workspaceId]) => Number((await pool.query(text, params)).rows[0]?.n ?? 0);
  const perConversation = (table: string, extra = '') => `
    select count(*) as n from conversations c
    where c.workspace_id = $1 and (select count(*) from ${table} x where x.conversation_id = c.id ${extra}) <> 1`;

  const violations = {
    runsPerConversationNotOne: await one(perConversation('workflow_runs')),
    assignedNotOne: await one(perConversation('conversation_events', "and x.type = 'assigned'")),
    reassignedNotOne: await one(perConversation('conversation_events', "and x.type = 'reassigned'")),
    commentsNotOne: await one(perConversation('comments')),
    // The unique indexes make these impossible; counted anyway so a dropped index shows here.
    duplicateEventEffectKeys: await one(`select count(*) as n from (select effect_key from conversation_events where workspace_id = $1 and effect_key is not null group by effect_key having count(*) > 1) d`),
    duplicateCommentEffectKeys: await one(`select count(*) as n from (select effect_key from comments where workspace_id = $1 and effect_key is not null group by effect_key having count(*) > 1) d`),
    runsNotCompleted: await one(`select count(*) as n from workflow_runs where workspace_id = $1 and status <> 'completed'`),
    // A wait lost for good: still waiting well past its due time (by the database clock).
    waitsOverdue: await one(`select count(*) as n from workflow_runs where workspace_id = $1 and status = 'waiting' and wake_at < now() - make_interval(secs => $2::float / 1000)`, [workspaceId, grace]),
    runsStuckRunning: await one(`select count(*) as n from workflow_runs where workspace_id = $1 and status = 'running' and updated_at < now() - make_interval(secs => $2::float / 1000)`, [workspaceId, grace]),
  };
  const conversations = await one(`select count(*) as n from conversations where workspace_id = $1`);
  const lateness = await waitLateness(pool, workspaceId, opts.waitMs);
  return { conversations, violations, lateness, ok: Object.values(violations).every((v) => v === 0) };
}

/**
 * How late each wait fired: the reassignment's commit time minus (the first assignment's
 * time + the wait). Both are database timestamps, so worker clocks do not enter into it.
 */
export async function waitLateness(pool: Pool, workspaceId: string, waitMs: number, since?: Date, until?: Date) {
  const r = await pool.query<{ ms: number }>(
    `select extract(epoch from (re.created_at - (a.created_at + make_interval(secs => $2::float / 1000)))) * 1000 as ms
     from conversation_events a
     join conversation_events re on re.conversation_id = a.conversation_id and re.type = 'reassigned'
     where a.workspace_id = $1 and a.type = 'assigned'
       and ($3::timestamptz is null or a.created_at + make_interval(secs => $2::float / 1000) >= $3)
       and ($4::timestamptz is null or a.created_at + make_interval(secs => $2::float / 1000) <= $4)
     order by ms`,
    [workspaceId, waitMs, since ?? null, until ?? null],
  );
  const ms = r.rows.map((x: { ms: number }) => Number(x.ms));
  const pick = (q: number) => (ms.length ? Math.round(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!) : 0);
  return { count: ms.length, p50Ms: pick(0.5), p99Ms: pick(0.99), maxMs: ms.length ? Math.round(ms[ms.length - 1]!) : 0, minMs: ms.length ? Math.round(ms[0]!) : 0 };
}

/** One statement to Postgres: the settle check takes the pool's query, or a test's wrapper of it. */
export type Query = (text: string, params: unknown[]) => Promise<{ rows: Array<Record<string, unknown>> }>;

/**
 * Whether a fault run has settled: `expected` runs, none of them still open. The two counts
 * come from one statement, so from one snapshot. Counted in two statements, the runs a late
 * event starts between them (its job freed only when a killed worker's lock expires, ~10 s
 * on) are missing from the first count and present in the second, and half-done runs passed
 * for settled: the int test once reported 5 runs waiting right after 'settled'.
 */
export async function runsSettled(query: Query, workspaceId: string, expected: number): Promise<boolean> {
  const { rows } = await query(
    `select count(*)::int as total, count(*) filter (where status <> 'completed')::int as open from workflow_runs where workspace_id = $1`,
    [workspaceId],
  );
  return rows[0]?.total === expected && rows[0]?.open === 0;
}
