import type { AdvanceResult } from '@baton/db';
import { handOff, handOffInBackground as handOffWithoutWaiting, type QueueClient, type RunsCommittedListener } from '@baton/queue';

const listeners = new Set<RunsCommittedListener>();

/**
 * Things to do once runs have committed, besides scheduling (the worker registers its
 * realtime publisher and the queue re-check here). Returns the unregister function.
 */
export function onRunsCommitted(listener: RunsCommittedListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

type CommittedBatch = ReadonlyArray<{ workspaceId: string; results: readonly AdvanceResult[] }>;

/** The worker's side of `handOff` (packages/queue): what committed runs decided, to the queues. */
export function scheduleBatchAfterCommit(queues: QueueClient, batch: CommittedBatch): Promise<void> {
  return handOff(queues, batch.map((b) => ({ workspaceId: b.workspaceId, runs: b.results })), [...listeners]);
}

/** The same without waiting, so a group commit's next batch can begin (see handOffInBackground). */
export function handOffInBackground(queues: QueueClient, batch: CommittedBatch): Promise<void> {
  return handOffWithoutWaiting(queues, batch.map((b) => ({ workspaceId: b.workspaceId, runs: b.results })), [...listeners]);
}
