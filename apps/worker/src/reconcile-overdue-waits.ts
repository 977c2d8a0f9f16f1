import { findOverdueWaits, type Database } from '@baton/db';
import { eachConcurrently, REPAIR_CONCURRENCY, type QueueClient } from '@baton/queue';

/**
 * Postgres is the source of truth for waits. A waiting run whose wake time passed more
 * than `graceMs` ago without its timer firing lost the timer (Redis flushed or restored
 * from an older snapshot): re-create it. Bound: a lost wait fires at most
 * graceMs + the reconcile interval late. Calls the queue itself, not the hand-off: it
 * commits nothing, it repairs a hand-off that was lost, and must replace a failed or
 * completed job under the same id (rescheduleWait), which the hand-off's add would keep.
 */
export async function reconcileOverdueWaits(db: Database, queues: QueueClient, graceMs: number): Promise<number> {
  const overdue = await findOverdueWaits(db, graceMs);
  // Up to 1,000 lookups: concurrently, not one round trip after another (eachConcurrently).
  const outcomes = await eachConcurrently(overdue, REPAIR_CONCURRENCY, (wait) => queues.rescheduleWait(wait));
  return outcomes.filter((o) => o === 'added').length;
}
