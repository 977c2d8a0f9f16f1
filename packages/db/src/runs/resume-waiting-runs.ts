import { asc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Database, Executor, Tx } from '../client';
import { workflowRuns, workflowVersions, workflows } from '../schema';
import { lockBatchConversations } from './batch/lock-batch-conversations';
import { toWorkspaceId } from '../tenancy/workspace-id';
import type { AdvanceResult, RunRow } from './run-types';
import { advanceBatch, type BatchRun } from './batch/advance-batch';
import { parseVersion } from './batch/definition-cache';
import { inWorkspacePairs, keyOf, uniqueKeys } from './batch/batch-keys';

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
  return (db as Database).transaction((tx) => resumeInTransaction(tx, refs));
}

async function resumeInTransaction(tx: Tx, refs: readonly WaitRef[]): Promise<ResumeResult[]> {
  const keys = uniqueKeys(refs.map((r) => ({ workspaceId: r.workspaceId, id: r.runId })));
  // Lock order everywhere: conversations (by id), then anything else.
  const locked = await lockBatchConversations(
    tx,
    { table: workflowRuns, workspaceId: workflowRuns.workspaceId, id: workflowRuns.id, conversationId: workflowRuns.conversationId },
    keys,
  );
  if (locked.length === 0) return refs.map(() => ({ outcome: 'stale' }));
  const runs = await tx
    .select({ ...getTableColumns(workflowRuns), clock: sql<string>`(extract(epoch from clock_timestamp()) * 1000)::bigint` })
    .from(workflowRuns)
    .where(inWorkspacePairs(workflowRuns.workspaceId, workflowRuns.id, keys))
    .orderBy(asc(workflowRuns.id))
    .for('update');
  const now = runs.length ? Number(runs[0]!.clock) : 0;
  const runOf = new Map(runs.map(({ clock: _clock, ...r }) => [keyOf(r.workspaceId, r.id), r]));

  const out: ResumeResult[] = [];
  const due: Array<{ index: number; run: RunRow }> = [];
  const taken = new Set<string>();
  refs.forEach((ref, index) => {
    const run = runOf.get(keyOf(ref.workspaceId, ref.runId));
    // The same timer twice in one batch (a duplicate delivery): the second is stale.
    if (!run || run.status !== 'waiting' || run.waitSeq !== ref.waitSeq || !run.wakeAt || taken.has(run.id)) {
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

  const versions = await tx
    .select({ id: workflowVersions.id, workspaceId: workflowVersions.workspaceId, definition: workflowVersions.definition, workflowName: workflows.name })
    .from(workflowVersions)
    .innerJoin(workflows, eq(workflows.id, workflowVersions.workflowId))
    .where(inWorkspacePairs(workflowVersions.workspaceId, workflowVersions.id, due.map((d) => ({ workspaceId: d.run.workspaceId, id: d.run.workflowVersionId }))));
  const versionOf = new Map(versions.map((v) => [keyOf(v.workspaceId, v.id), v]));

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
      definition: parseVersion(version.id, version.definition),
      startStepId: run.resumeStepId,
      state: run.state,
    };
  });
  const advanced = await advanceBatch(tx, now, new Map(locked.map((c) => [keyOf(c.workspaceId, c.id), c])), batch);
  for (const { index, run } of due) out[index] = { outcome: 'resumed', result: advanced.get(run.id)! };
  return out;
}
