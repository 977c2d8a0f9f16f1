import { sql } from 'drizzle-orm';
import { conversationQueue } from '../../schema';
import type { TenantTx } from '../../tenancy/tenant';

export type ReturnToQueue = {
  conversationId: string;
  /** 'team:<id>' or 'workspace'. */
  pool: string;
  rule: 'round_robin' | 'least_open';
  /** The conversation's opening: where it stands in the queue (see below). */
  openedAt: string | Date;
  /** "Alice went offline without replying". */
  reason: string;
};

/**
 * Puts an unassigned conversation back in its team's (or the workspace's) queue: the drain
 * assigns it to the next agent who becomes available, with the queued runs of that pool, in
 * arrival order. The caller holds the conversation lock and has just unassigned it.
 *
 * Its place is the conversation's opening, not the return time: it only comes back when its
 * assignee never replied, so the customer has been waiting since they wrote — queuing it
 * behind customers who wrote later would make them pay for the agent's absence. For the
 * seeded flow the opening is also its original queued-at (the run queues it on opening).
 */
export async function returnToQueue(tx: TenantTx, entry: ReturnToQueue): Promise<void> {
  await tx.db
    .insert(conversationQueue)
    .values({
      workspaceId: tx.workspaceId,
      conversationId: entry.conversationId,
      pool: entry.pool,
      rule: entry.rule,
      queuedAt: sql`${entry.openedAt}::timestamptz`,
      reason: entry.reason,
    })
    .onConflictDoUpdate({
      target: [conversationQueue.workspaceId, conversationQueue.conversationId],
      set: { pool: entry.pool, rule: entry.rule, reason: entry.reason },
    });
}
