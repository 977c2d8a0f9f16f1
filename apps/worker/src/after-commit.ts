import { conversationsChanged, type AdvanceResult, type RealtimeNotice } from '@baton/db';
import { handOff, handOffInBackground, type AfterCommitWork, type QueueClient, type RealtimePublisher, type RunsCommittedListener } from '@baton/queue';

type CommittedBatch = ReadonlyArray<{ workspaceId: string; results: readonly AdvanceResult[]; notices?: readonly RealtimeNotice[] }>;

/**
 * The worker's side of `handOff` (packages/queue): what committed transactions decided goes
 * to the queues, then the realtime notices are published and the listeners hear of the runs
 * (the queue re-check). One per worker process, built in start-worker.ts with its publisher
 * and listeners and passed to everything that commits (event, wait and SLA-timer processors,
 * the queue drainer, the SLA syncer, deliveries, the idle sweep); a test builds its own, so
 * no listener outlives the worker that registered it.
 */
export class RunsHandOff {
  constructor(
    private readonly queues: QueueClient,
    private readonly publisher: RealtimePublisher | null = null,
    private readonly listeners: readonly RunsCommittedListener[] = [],
  ) {}

  /** Hands off committed runs (and any notices beside them) and waits for it. */
  now(batch: CommittedBatch): Promise<void> {
    return this.receipts(this.work(batch));
  }

  /** The same without waiting, so a group commit's next batch can begin (see handOffInBackground). */
  inBackground(batch: CommittedBatch): Promise<void> {
    return handOffInBackground({ queues: this.queues, publisher: this.publisher }, this.work(batch), this.listeners);
  }

  /** Hands off other data functions' receipts (a delivery attempt, an idle member set away, an SLA pass, moved runs). */
  receipts(work: readonly AfterCommitWork[]): Promise<void> {
    return handOff({ queues: this.queues, publisher: this.publisher }, work, this.listeners);
  }

  /** The same without waiting (a group commit's batch: SLA timers that fired). */
  receiptsInBackground(work: readonly AfterCommitWork[]): Promise<void> {
    return handOffInBackground({ queues: this.queues, publisher: this.publisher }, work, this.listeners);
  }

  private work(batch: CommittedBatch): AfterCommitWork[] {
    // A run changes its conversation (assignment, comment, closing): the inboxes watching
    // refetch it. One notice per conversation, however many of its runs committed.
    return batch.map((b) => ({
      workspaceId: b.workspaceId,
      runs: b.results,
      notices: [...conversationsChanged(b.results.map((r) => r.conversationId), 'assignment'), ...(b.notices ?? [])],
    }));
  }
}
