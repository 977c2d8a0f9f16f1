import type { Job } from 'bullmq';
import {
  GroupCommit,
  groupCommitOptionsFromEnv,
  startRunsForEvents,
  type AdvanceResult,
  type Database,
  type EventRef,
  type GroupCommitOptions,
} from '@baton/db';
import { eventsOfJob } from '@baton/queue';
import type { RunsHandOff } from './after-commit';

type Handled = { results: AdvanceResult[]; scheduled: Promise<void> };

// One API batch's events come as one job per workspace, a moment apart: wait this long when
// idle so they start runs together instead of as batches back to back.
const EVENT_LINGER_MS = 2;

/**
 * An outbox event (conversation opened, closed, message received) → workflow runs. Jobs
 * arriving together are started in one transaction (GroupCommit); the timers and events
 * the batch decided go to Redis in one round trip after it commits.
 */
export function createEventProcessor(db: Database, afterCommit: RunsHandOff, opts?: GroupCommitOptions) {
  const batcher = new GroupCommit<EventRef, Handled>(async (refs) => {
    const results = await startRunsForEvents(db, refs);
    // Handed to Redis outside the batch slot, so the next batch can start meanwhile; each
    // job still waits for it. If it fails, the jobs retry (a no-op in the database) and the
    // reconciler re-creates any timer still missing.
    const scheduled = afterCommit.inBackground(results);
    return results.map((r) => ({ results: r.results, scheduled }));
  }, {
    ...(opts ?? { ...groupCommitOptionsFromEnv(), lingerMs: EVENT_LINGER_MS }),
    // A job carries up to MAX_EVENTS_PER_JOB events of one workspace, and every shard's jobs
    // share this group commit: with a backlog, workspaces take turns in it.
    fairBy: (ref: EventRef) => ref.workspaceId,
    name: 'events',
  });
  return async (job: Job) => {
    // Its events (one workspace's, at most MAX_EVENTS_PER_JOB) join the shared group commit.
    const handled = await Promise.all(eventsOfJob(job.data).map((ref) => batcher.submit(ref)));
    await Promise.all(handled.map((h) => h.scheduled));
    const results = handled.flatMap((h) => h.results);
    return { runs: results.map((r) => ({ runId: r.runId, status: r.status })) };
  };
}
