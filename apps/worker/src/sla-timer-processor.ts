import { DelayedError, type Job } from 'bullmq';
import { fireSlaTimer, type Database } from '@baton/db';
import { WAIT_LEAD_MS, slaJobSchema, type QueueClient } from '@baton/queue';

// As for waits: below this, sleeping in-process beats another trip through the delayed set.
const SLEEP_THRESHOLD_MS = 500;

/**
 * An SLA clock's warning or breach timer, on the waits' machinery: delayed to WAIT_LEAD_MS
 * before the due time, checked against the database clock under the conversation's lock
 * (fireSlaTimer), a stale or duplicate delivery does nothing. A firing hands its outbox event
 * to the event queue (workflows on `sla.warning` / `sla.breached` start there) and schedules
 * the clock's next timer (the breach, after a warning).
 */
export function createSlaTimerProcessor(db: Database, queues: QueueClient) {
  return async (job: Job, token?: string) => {
    const ref = slaJobSchema.parse(job.data);
    const delay = job.opts.delay ?? 0;
    if (delay > 0 && job.attemptsMade === 0) {
      const lead = Math.min(WAIT_LEAD_MS, job.timestamp + delay + WAIT_LEAD_MS - Date.now());
      if (lead > 0) await new Promise((r) => setTimeout(r, lead));
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      const result = await fireSlaTimer(db, ref);
      if (result.outcome === 'stale') return { outcome: 'stale' };
      if (result.outcome === 'fired') {
        await Promise.all([
          queues.enqueueEvents(ref.workspaceId, result.outboxEventIds),
          result.next ? queues.scheduleSlaTimers([result.next]) : Promise.resolve(),
        ]);
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
