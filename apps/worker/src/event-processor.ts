import type { Job } from 'bullmq';
import { startRunsForEvents, type Database, type EventRef } from '@baton/db';
import { eventJobSchema, type QueueClient } from '@baton/queue';
import { scheduleBatchAfterCommit } from './after-commit';
import { EventBatcher } from './event-batcher';

/**
 * An outbox event (conversation opened, closed, message received) → workflow runs. Jobs
 * arriving together are started in one transaction (EventBatcher); the timers and events
 * the batch decided go to Redis in one round trip after it commits.
 */
export function createEventProcessor(db: Database, queues: QueueClient, opts?: { maxBatch: number; maxInFlight: number }) {
  const batcher = new EventBatcher(async (refs: EventRef[]) => {
    const results = await startRunsForEvents(db, refs);
    // If this hand-off fails after commit, the jobs retry (a no-op in the database) and
    // the reconciler re-creates any timer still missing.
    await scheduleBatchAfterCommit(queues, results);
    return results;
  }, opts);
  return async (job: Job) => {
    const { workspaceId, eventId } = eventJobSchema.parse(job.data);
    const results = await batcher.submit({ workspaceId, eventId });
    return { runs: results.map((r) => ({ runId: r.runId, status: r.status })) };
  };
}
