import { DelayedError, type Job } from 'bullmq';
import { GroupCommit, fireSlaTimers, groupCommitOptionsFromEnv, type Database, type FireSlaResult, type GroupCommitOptions, type SlaTimerRef } from '@baton/db';
import { WAIT_LEAD_MS, slaJobSchema } from '@baton/queue';
import type { RunsHandOff } from './after-commit';
import { slaStageTraceFromEnv, type SlaStageItem } from './sla-stage-trace';

// As for waits: below this, sleeping in-process beats another trip through the delayed set.
const SLEEP_THRESHOLD_MS = 500;

// As for waits: timers are latency-bound, so two batches in flight (a due timer does not queue
// behind a whole batch's commit).
const SLA_BATCHES = { maxBatch: 128, maxInFlight: 2 };

type Handled = { result: FireSlaResult; scheduled: Promise<void> };

/**
 * An SLA clock's warning or breach timer, on the waits' machinery: delayed to WAIT_LEAD_MS
 * before the due time, checked against the database clock under the conversation's lock, a
 * stale or duplicate delivery does nothing. Timers due together fire in one transaction
 * (fireSlaTimers, a group commit like the waits'). A firing hands its outbox event to the
 * event queue (workflows on `sla.warning` / `sla.breached` start there) and schedules the
 * clock's next timer (the breach, after a warning) — in one Redis round trip per batch.
 */
export function createSlaTimerProcessor(db: Database, afterCommit: RunsHandOff, opts?: GroupCommitOptions) {
  const trace = slaStageTraceFromEnv();
  const batcher = new GroupCommit<SlaTimerRef & { stage?: SlaStageItem }, Handled>(async (refs) => {
    const start = Date.now();
    let claimed = 0;
    const results = await fireSlaTimers(db, refs, trace ? { claimed: () => (claimed = Date.now()) } : undefined);
    if (trace) trace.batch({ items: refs.flatMap((r) => (r.stage ? [r.stage] : [])), start, claimed, committed: Date.now() });
    const fired = results.flatMap((r, i) => (r.outcome === 'fired' ? [{ workspaceId: refs[i]!.workspaceId, result: r }] : []));
    // Handed to Redis outside the batch slot so the next batch can start; each job awaits it
    // (a failure retries the job: a no-op in the database, and the reconciler re-creates timers).
    const scheduled = afterCommit.receiptsInBackground(
      fired.map(({ workspaceId, result }) => ({ workspaceId, events: result.outboxEventIds, slaTimers: result.next ? [result.next] : [] })),
    );
    return results.map((result) => ({ result, scheduled }));
  }, { ...(opts ?? groupCommitOptionsFromEnv(process.env, SLA_BATCHES)), name: 'sla' });
  return async (job: Job, token?: string) => {
    const ref = slaJobSchema.parse(job.data);
    const delay = job.opts.delay ?? 0;
    if (delay > 0 && job.attemptsMade === 0) {
      const lead = Math.min(WAIT_LEAD_MS, job.timestamp + delay + WAIT_LEAD_MS - Date.now());
      if (lead > 0) await new Promise((r) => setTimeout(r, lead));
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      const { result, scheduled } = await batcher.submit(trace ? { ...ref, stage: trace.item(job, ref.clockId, ref.phase) } : ref);
      if (result.outcome === 'stale') return { outcome: 'stale' };
      if (result.outcome === 'fired') {
        await scheduled;
        return { outcome: 'fired', phase: ref.phase };
      }
      if (result.remainingMs > SLEEP_THRESHOLD_MS) {
        await job.moveToDelayed(Date.now() + result.remainingMs, token);
        throw new DelayedError();
      }
      await new Promise((r) => setTimeout(r, result.remainingMs + 1));
    }
    throw new Error(`SLA timer ${ref.clockId}/${ref.seq}/${ref.phase} still not due after repeated checks`);
  };
}
