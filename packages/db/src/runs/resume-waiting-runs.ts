import { sql } from 'drizzle-orm';
import type { Executor, Tx } from '../client';
import { pipelinedTransaction } from '../batching/pipelined-transaction';
import { conversations, workflowRuns, workflowVersions, workflows } from '../schema';
import { rowFromJson } from '../sql/row-from-json';
import { lockBatchConversationsCtes } from './batch/lock-batch-conversations';
import { worldColumns, worldFromColumns, type WorldColumns } from './batch/load-batch-world';
import { toWorkspaceId } from '../tenancy/workspace-id';
import type { AdvanceResult, RunRow } from './run-types';
import { advanceBatch, type BatchRun } from './batch/advance-batch';
import { cachedVersionIds, definitionsOf } from './batch/definition-cache';
import { keyOf, uniqueKeys, type WorkspaceKey } from '../sql/json-recordset';

export type WaitRef = { workspaceId: string; runId: string; waitSeq: number; force?: boolean };

export type ResumeResult =
  | { outcome: 'resumed'; result: AdvanceResult }
  /** The timer no longer matches the run (fired already, cancelled, or a newer wait). */
  | { outcome: 'stale' }
  /** Due later by the database clock: re-delay instead of firing early. */
  | { outcome: 'early'; remainingMs: number };

/**
 * Timers that fired, of any workspaces, in one transaction. Under the conversation locks,
 * each run is re-read: only the timer named by the run's current wait sequence may continue
 * it, and only once it is due by the database clock (never the worker's). The due runs are
 * then advanced together (advanceBatch).
 */
export function resumeWaitingRuns(db: Executor, refs: readonly WaitRef[]): Promise<ResumeResult[]> {
  for (const r of refs) toWorkspaceId(r.workspaceId);
  if (refs.length === 0) return Promise.resolve([]);
  return pipelinedTransaction(db, (tx) => resumeInTransaction(tx, refs));
}

type ClaimRow = WorldColumns & {
  conversations: Record<string, unknown>[];
  runs: Record<string, unknown>[];
  versions: Array<{ id: string; workspaceId: string; definition: unknown; workflowName: string }>;
  clock: string;
};

/**
 * Locks the runs' conversations (by id: the lock order everywhere), then the runs, and reads
 * their versions and what the engine reads besides — one statement, not five round trips,
 * while the locks are held. The clock is read last, once every lock is taken.
 */
async function lockRunsWithWorld(tx: Tx, keys: readonly WorkspaceKey[]) {
  const res = await tx.execute<ClaimRow>(sql`
    with ${lockBatchConversationsCtes(workflowRuns, keys)},
    runs as materialized (
      select r.* from ${workflowRuns} r
       where (select count(*) from locked) >= 0
         and (r.workspace_id, r.id) in (select w, k from wanted)
       order by r.id
       for update of r)
    select
      (select coalesce(json_agg(to_jsonb(l) order by l.id), '[]') from locked l) as conversations,
      (select coalesce(json_agg(to_jsonb(r) order by r.id), '[]') from runs r) as runs,
      (select coalesce(json_agg(json_build_object('id', v.id, 'workspaceId', v.workspace_id, 'definition', case when v.id = any(${cachedVersionIds()}::uuid[]) then null else v.definition end, 'workflowName', w.name)), '[]')
         from ${workflowVersions} v join ${workflows} w on w.id = v.workflow_id
        where (v.workspace_id, v.id) in (select r.workspace_id, r.workflow_version_id from runs r where r.status = 'waiting')) as versions,
      ${worldColumns(sql`select workspace_id from runs`, sql`select l.workspace_id, l.contact_id from locked l`)},
      (extract(epoch from clock_timestamp()) * 1000)::bigint as clock`);
  const row = res.rows[0]!;
  const runs = row.runs.map((r) => rowFromJson(workflowRuns, r));
  const now = Number(row.clock);
  return {
    locked: row.conversations.map((c) => rowFromJson(conversations, c)),
    runs,
    now,
    versions: row.versions,
    world: worldFromColumns(
      now,
      runs.map((r) => r.workspaceId),
      row,
    ),
  };
}

async function resumeInTransaction(tx: Tx, refs: readonly WaitRef[]): Promise<ResumeResult[]> {
  const keys = uniqueKeys(refs.map((r) => ({ workspaceId: r.workspaceId, id: r.runId })));
  const { locked, runs, now, versions, world } = await lockRunsWithWorld(tx, keys);
  if (locked.length === 0) return refs.map(() => ({ outcome: 'stale' }));
  const runOf = new Map(runs.map((r) => [keyOf(r.workspaceId, r.id), r]));

  const out: ResumeResult[] = [];
  const due: Array<{ index: number; run: RunRow }> = [];
  const taken = new Set<string>();
  refs.forEach((ref, index) => {
    const run = runOf.get(keyOf(ref.workspaceId, ref.runId));
    // The same timer twice in one batch (a duplicate delivery): the second is stale.
    if (
      !run ||
      run.status !== 'waiting' ||
      run.waitSeq !== ref.waitSeq ||
      !run.wakeAt ||
      taken.has(run.id)
    ) {
      out[index] = { outcome: 'stale' };
      return;
    }
    if (!ref.force && now < run.wakeAt.getTime()) {
      out[index] = { outcome: 'early', remainingMs: run.wakeAt.getTime() - now };
      return;
    }
    taken.add(run.id);
    due.push({ index, run });
  });
  if (due.length === 0) return out;

  const versionOf = new Map(versions.map((v) => [keyOf(v.workspaceId, v.id), v]));
  const definitions = await definitionsOf(tx, versions);

  const batch: BatchRun[] = due.map(({ run }) => {
    const version = versionOf.get(keyOf(run.workspaceId, run.workflowVersionId));
    if (!version) throw new Error(`workflow version ${run.workflowVersionId} is missing`);
    return {
      kind: 'resumed',
      row: run,
      waitStepId: run.currentStepId,
      workspaceId: run.workspaceId,
      runId: run.id,
      conversationId: run.conversationId,
      workflowId: run.workflowId,
      workflowName: version.workflowName,
      versionId: version.id,
      definition: definitions.get(version.id)!,
      startStepId: run.resumeStepId,
      state: run.state,
    };
  });
  const advanced = await advanceBatch(
    tx,
    new Map(locked.map((c) => [keyOf(c.workspaceId, c.id), c])),
    batch,
    // Nothing follows in this transaction: COMMIT leaves with the batch's writes.
    { world, lastInTransaction: true },
  );
  for (const { index, run } of due)
    out[index] = { outcome: 'resumed', result: advanced.get(run.id)! };
  return out;
}
