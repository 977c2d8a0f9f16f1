import { DelayedError, type Job } from 'bullmq';
import {
  GroupCommit,
  groupCommitOptionsFromEnv,
  loadPendingHttpRequest,
  loadWorkspaceSecrets,
  performHttpRequest,
  resumeWaitingRuns,
  secretNamesIn,
  tenant,
  type Database,
  type GroupCommitOptions,
  type ResumeResult,
  type WaitRef,
} from '@baton/db';
import type { HttpRequestResult } from '@baton/engine';
import { WAIT_LEAD_MS, waitJobSchema } from '@baton/queue';
import type { RunsHandOff } from './after-commit';
import { TimerTrace } from './timer-trace';

type Handled = {
  result: ResumeResult;
  scheduled: Promise<void>;
  batch: { start: number; end: number; size: number };
};

// Timers are latency-bound: a due wait should not queue behind a whole batch in flight
// (bench: p99 lateness at 100k pending 42 → 36 ms with two in flight instead of one).
// BATON_WAIT_IN_FLIGHT overrides the batches in flight for timers alone (A/B in the bench).
const WAIT_BATCHES = { maxBatch: 128, maxInFlight: Math.min(16, Math.max(1, Number(process.env.BATON_WAIT_IN_FLIGHT) || 2)) };

// Below this, sleeping in-process is cheaper and more precise than another trip through
// BullMQ's delayed set (which adds ~100 ms of promotion latency).
const SLEEP_THRESHOLD_MS = 500;

/**
 * A wait's timer. The database decides whether it is due (its clock, not ours) and
 * whether this timer still matches the run; a stale or duplicate timer does nothing.
 */
export function createWaitProcessor(
  db: Database,
  afterCommit: RunsHandOff,
  opts?: GroupCommitOptions,
) {
  // Timers due together (a burst, or many tenants' waits in the same instant) resume in one
  // transaction; a lone timer is a batch of one with no added wait.
  const trace = new TimerTrace();
  const batcher = new GroupCommit<WaitRef, Handled>(
    async (refs) => {
      const start = Date.now();
      const results = await resumeWaitingRuns(db, refs);
      const batch = { start, end: Date.now(), size: refs.length };
      const committed = results.flatMap((r, i) =>
        r.outcome === 'resumed' ? [{ workspaceId: refs[i]!.workspaceId, results: [r.result] }] : [],
      );
      const scheduled = afterCommit.inBackground(committed);
      return results.map((result) => ({ result, scheduled, batch }));
    },
    {
      ...(opts ?? groupCommitOptionsFromEnv(process.env, WAIT_BATCHES)),
      name: 'waits',
      // One workspace's timers at a time: its reassignments take the same team cursors, so a
      // second batch of it would only wait on the first's locks; other workspaces' run beside.
      ...(process.env.BATON_WAIT_EXCLUSIVE === '0'
        ? {}
        : { exclusiveBy: (r: WaitRef) => r.workspaceId }),
    },
  );
  return async (job: Job, token?: string) => {
    const picked = Date.now();
    const { workspaceId, runId, waitSeq, http, pools } = waitJobSchema.parse(job.data);
    // An HTTP request step's pause: the call happens here, outside any transaction, and its
    // answer rides into the resume batch. A retried job calls again (at least once); a pause
    // resumed without an answer (its timer re-created by the reconciler) pauses again.
    let httpResult: HttpRequestResult | undefined;
    if (http) {
      const t = tenant(db, workspaceId);
      const pending = await loadPendingHttpRequest(t, runId, waitSeq);
      if (!pending) return { outcome: 'stale' };
      httpResult = await performHttpRequest(
        pending,
        await loadWorkspaceSecrets(t, secretNamesIn(pending)),
      );
    }
    // The job was delayed to WAIT_LEAD_MS before the due time. Sleep out that lead before the
    // first check instead of spending a locking transaction to learn "early" (bench: it was a
    // second transaction for every wait). Capped at the lead, so a skewed clock costs at most
    // that; a job created with no delay (due now, fired by hand, re-created) checks at once.
    const delay = job.opts.delay ?? 0;
    if (delay > 0 && job.attemptsMade === 0) {
      const lead = Math.min(WAIT_LEAD_MS, job.timestamp + delay + WAIT_LEAD_MS - Date.now());
      if (lead > 0) await new Promise((r) => setTimeout(r, lead));
    }
    const slept = Date.now();
    for (let attempt = 0; attempt < 5; attempt++) {
      const { result, scheduled, batch } = await batcher.submit({
        workspaceId,
        runId,
        waitSeq,
        ...(httpResult ? { httpResult } : {}),
        ...(pools ? { pools } : {}),
      });
      if (result.outcome === 'stale') return { outcome: 'stale' };
      if (result.outcome === 'resumed') {
        trace.record({
          due: job.timestamp + delay + WAIT_LEAD_MS,
          picked,
          slept,
          batchStart: batch.start,
          batchEnd: batch.end,
          batchSize: batch.size,
          created: job.timestamp,
          attempts: job.attemptsMade,
          stalls: job.stalledCounter,
        });
        await scheduled;
        return { outcome: 'resumed', status: result.result.status };
      }
      if (result.remainingMs > SLEEP_THRESHOLD_MS) {
        await job.moveToDelayed(Date.now() + result.remainingMs, token);
        throw new DelayedError();
      }
      await new Promise((r) => setTimeout(r, result.remainingMs + 1));
    }
    throw new Error(`wait ${runId}/${waitSeq} still not due after repeated checks`);
  };
}
