import { findPendingOutboxEvents, type Database } from '@baton/db';
import type { QueueClient } from '@baton/queue';

/**
 * The web process enqueues events right after commit; this catches the ones it could
 * not (crash between commit and enqueue, Redis down), and ones whose job a crashing
 * worker left failed (found by the chaos test). Same job id → no duplicate job. The queue
 * is called directly, not through the hand-off: this commits nothing and repairs a lost
 * hand-off, replacing failed jobs (requeueEvents), which the hand-off's add would keep.
 */
export async function relayPendingOutboxEvents(db: Database, queues: QueueClient, olderThanMs: number): Promise<number> {
  const pending = await findPendingOutboxEvents(db, olderThanMs);
  const byWorkspace = new Map<string, string[]>();
  for (const p of pending) byWorkspace.set(p.workspaceId, [...(byWorkspace.get(p.workspaceId) ?? []), p.eventId]);
  for (const [workspaceId, ids] of byWorkspace) await queues.requeueEvents(workspaceId, ids);
  return pending.length;
}
