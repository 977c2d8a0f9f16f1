import type { AdvanceResult } from '@baton/db';
import { handOff, handOffInBackground, type QueueClient, type RunsCommittedListener } from '@baton/queue';

type CommittedBatch = ReadonlyArray<{ workspaceId: string; results: readonly AdvanceResult[] }>;

/**
 * The worker's side of `handOff` (packages/queue): what committed runs decided goes to the
 * queues, then the listeners hear of the runs (the realtime publisher, the queue re-check).
 * One per worker process, built in start-worker.ts with its listeners and passed to what
 * commits runs (event, wait processors, the queue drainer); a test builds its own, so no
 * listener outlives the worker that registered it.
 */
export class RunsHandOff {
  constructor(
    readonly queues: QueueClient,
    private readonly listeners: readonly RunsCommittedListener[] = [],
  ) {}

  /** Hands off and waits for it. */
  now(batch: CommittedBatch): Promise<void> {
    return handOff(this.queues, this.work(batch), this.listeners);
  }

  /** The same without waiting, so a group commit's next batch can begin (see handOffInBackground). */
  inBackground(batch: CommittedBatch): Promise<void> {
    return handOffInBackground(this.queues, this.work(batch), this.listeners);
  }

  private work(batch: CommittedBatch) {
    return batch.map((b) => ({ workspaceId: b.workspaceId, runs: b.results }));
  }
}
