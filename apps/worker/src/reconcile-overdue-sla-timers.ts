import { findOverdueSlaTimers, type Database } from '@baton/db';
import { eachConcurrently, REPAIR_CONCURRENCY, type QueueClient } from '@baton/queue';

/**
 * Postgres is the truth for SLA clocks as for waits: a running clock whose next timer is
 * overdue by more than `graceMs` lost it (Redis flushed); re-create it. Same bound as waits,
 * and the queue called directly for the same reason (a repair, not an after-commit step).
 */
export async function reconcileOverdueSlaTimers(db: Database, queues: QueueClient, graceMs: number): Promise<number> {
  const outcomes = await eachConcurrently(await findOverdueSlaTimers(db, graceMs), REPAIR_CONCURRENCY, (timer) => queues.rescheduleSlaTimer(timer));
  return outcomes.filter((o) => o === 'added').length;
}
