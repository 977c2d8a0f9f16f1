import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { toWorkspaceId } from '../tenancy/workspace-id';
import { QUEUE_WAKE_CHANNEL } from './listen-queue-wakes';

/**
 * After a commit that queued runs outside the worker (the API's inbound batch): one NOTIFY
 * per queue, so a worker re-checks its head — an agent may have come online while the run
 * was being queued. The worker does this in-process for the runs it commits itself. A lost
 * notice costs at most one queue safety sweep (QUEUE_SWEEP_INTERVAL_MS).
 */
export async function notifyQueuedRuns(db: Executor, queued: ReadonlyArray<{ workspaceId: string; pool: string }>): Promise<void> {
  const payloads = [...new Set(queued.map((q) => `${toWorkspaceId(q.workspaceId)}:*:queued:${q.pool}`))];
  if (payloads.length === 0) return;
  // One JSON parameter: drizzle would spread a JS array into a list.
  await db.execute(sql`select pg_notify(${QUEUE_WAKE_CHANNEL}, p) from json_array_elements_text(${JSON.stringify(payloads)}::json) as p`);
}
