import type { HttpRequestResult } from '@baton/engine';
import type { Executor, Tx } from '../client';
import { pipelinedTransaction } from '../batching/pipelined-transaction';
import { lockRunsWithWorld } from './batch/claim-waits.sql';
import { toWorkspaceId } from '../tenancy/workspace-id';
import type { AdvanceResult, RunRow } from './run-types';
import { advanceBatch, type BatchRun } from './batch/advance-batch';
import { withPoolHints } from './batch/pool-hints';
import { startBatchPools, type StartedBatchPools } from './batch/load-batch-pools';
import type { PoolKey } from '@baton/engine';
import { definitionsOf } from './batch/definition-cache';
import { resumedBatchRun } from './batch/resumed-batch-run';
import { keyOf, uniqueKeys } from '../sql/json-recordset';

export type WaitRef = {
  workspaceId: string;
  runId: string;
  waitSeq: number;
  force?: boolean;
  /** The answer to the HTTP request the run paused on (the worker called it outside any transaction). */
  httpResult?: HttpRequestResult;
  /** The pools the run will need, as its timer named them when it was scheduled (ScheduledWait.pools). */
  pools?: readonly string[];
};

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
export async function resumeWaitingRuns(
  db: Executor,
  refs: readonly WaitRef[],
): Promise<ResumeResult[]> {
  for (const r of refs) toWorkspaceId(r.workspaceId);
  if (refs.length === 0) return [];
  // Every timer named its pools: their cursors are locked in the same round trip as the
  // conversations (pipelined behind the lock statement), one round trip of three saved while
  // the locks are held. A run moved to another version since may need others: then the
  // transaction is rolled back and run again the plain way.
  const hinted = refs.every((r) => r.pools !== undefined);
  if (!hinted) return pipelinedTransaction(db, (tx) => resumeInTransaction(tx, refs, false));
  return withPoolHints((useHints) => pipelinedTransaction(db, (tx) => resumeInTransaction(tx, refs, useHints)));
}

async function resumeInTransaction(
  tx: Tx,
  refs: readonly WaitRef[],
  useHints: boolean,
): Promise<ResumeResult[]> {
  const keys = uniqueKeys(refs.map((r) => ({ workspaceId: r.workspaceId, id: r.runId })));
  const lockedPromise = lockRunsWithWorld(tx, keys);
  const startedPools: StartedBatchPools | undefined = useHints
    ? startBatchPools(
        tx,
        refs.flatMap((r) =>
          (r.pools ?? []).map((key) => ({ workspaceId: r.workspaceId, key: key as PoolKey })),
        ),
      )
    : undefined;
  const { locked, runs, now, versions, world } = await lockedPromise;
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

  const definitions = await definitionsOf(tx, versions);

  const batch: BatchRun[] = due.map(({ index, run }) => {
    const httpResult = refs[index]!.httpResult;
    return resumedBatchRun(run, versions, definitions, {
      startStepId: run.resumeStepId,
      // Only for the step the run paused on; the step consumes it, so it is never persisted.
      state:
        httpResult && run.state.pendingHttp?.stepId === httpResult.stepId
          ? { ...run.state, httpResult }
          : run.state,
    });
  });
  const advanced = await advanceBatch(
    tx,
    new Map(locked.map((c) => [keyOf(c.workspaceId, c.id), c])),
    batch,
    // Nothing follows in this transaction: COMMIT leaves with the batch's writes.
    { world, lastInTransaction: true, ...(startedPools ? { startedPools } : {}) },
  );
  for (const { index, run } of due)
    out[index] = { outcome: 'resumed', result: advanced.get(run.id)! };
  return out;
}
