import { findOverdueSlaTimers, type Database } from '@baton/db';
import type { QueueClient } from '@baton/queue';

/**
 * Postgres is the truth for SLA clocks as for waits: a running clock whose next timer is
 * overdue by more than `graceMs` lost it (Redis flushed); re-create it. Same bound as waits,
 * and the queue called directly for the same reason (a repair, not an after-commit step).
 */
export async function reconcileOverdueSlaTimers(db: Database, queues: QueueClient, graceMs: number): Promise<number> {
  let added = 0;
  for (const timer of await findOverdueSlaTimers(db, graceMs)) if ((await queues.rescheduleSlaTimer(timer)) === 'added') added++;
  return added;
}
