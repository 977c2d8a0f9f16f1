import type { Job } from 'bullmq';
import { startRunsForEvent, tenant, type Database } from '@baton/db';
import { eventJobSchema, type QueueClient } from '@baton/queue';
import { scheduleAfterCommit } from './after-commit';

/** An outbox event (conversation opened, closed, message received) → workflow runs. */
export function createEventProcessor(db: Database, queues: QueueClient) {
  return async (job: Job) => {
    const { workspaceId, eventId } = eventJobSchema.parse(job.data);
    const results = await startRunsForEvent(tenant(db, workspaceId), eventId);
    // If this hand-off fails after commit, the job retries (a no-op in the database) and
    // the reconciler re-creates any timer still missing.
    await scheduleAfterCommit(queues, workspaceId, results);
    return { runs: results.map((r) => ({ runId: r.runId, status: r.status })) };
  };
}
