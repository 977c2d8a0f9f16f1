import type { Job } from 'bullmq';
import { GroupCommit, startRunsForEvents, type AdvanceResult, type Database, type EventRef, type GroupCommitOptions } from '@baton/db';
import { eventJobSchema, type QueueClient } from '@baton/queue';
import { scheduleBatchAfterCommit } from './after-commit';

/**
 * An outbox event (conversation opened, closed, message received) → workflow runs. Jobs
 * arriving together are started in one transaction (GroupCommit); the timers and events
 * the batch decided go to Redis in one round trip after it commits.
 */
export function createEventProcessor(db: Database, queues: QueueClient, opts?: GroupCommitOptions) {
  const batcher = new GroupCommit<EventRef, AdvanceResult[]>(async (refs) => {
    const results = await startRunsForEvents(db, refs);
    // If this hand-off fails after commit, the jobs retry (a no-op in the database) and
    // the reconciler re-creates any timer still missing.
    await scheduleBatchAfterCommit(queues, results);
    return results.map((r) => r.results);
  }, opts);
  return async (job: Job) => {
    const { workspaceId, eventId } = eventJobSchema.parse(job.data);
    const results = await batcher.submit({ workspaceId, eventId });
    return { runs: results.map((r) => ({ runId: r.runId, status: r.status })) };
  };
}
