import { and, getTableColumns, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../client';
import { outboxEvents } from '../../schema';
import { lockBatchConversations } from './lock-batch-conversations';
import type { ConversationRow } from '../../conversations/lock-conversation';
import { inWorkspacePairs, keyOf, uniqueKeys, type WorkspaceKey } from './batch-keys';

export type OutboxEventRow = typeof outboxEvents.$inferSelect;

export type ClaimedEvents = {
  /** Unprocessed events of the batch, in the order they were asked for. */
  events: OutboxEventRow[];
  /** The events' conversations, locked; keyed by keyOf(workspace, conversation). */
  conversations: Map<string, ConversationRow>;
  /** The database clock (ms) once the locks are held: "now" for every run of the batch. */
  now: number;
};

/**
 * Locks the conversations of a batch of outbox events, then claims the events that are
 * still unprocessed (marking them processed in this transaction). Conversations are locked
 * in one statement in id order, so two batches never wait on each other in a cycle; an
 * event another transaction claimed first comes back absent, and a second delivery of the
 * same event does nothing.
 */
export async function claimBatchEvents(tx: Tx, items: readonly WorkspaceKey[]): Promise<ClaimedEvents> {
  const keys = uniqueKeys(items);
  const locked = await lockBatchConversations(
    tx,
    { table: outboxEvents, workspaceId: outboxEvents.workspaceId, id: outboxEvents.id, conversationId: outboxEvents.conversationId },
    keys,
  );
  if (locked.length === 0) return { events: [], conversations: new Map(), now: 0 };

  const claimed = await tx
    .update(outboxEvents)
    .set({ processedAt: sql`now()` })
    .where(and(inWorkspacePairs(outboxEvents.workspaceId, outboxEvents.id, keys), isNull(outboxEvents.processedAt)))
    .returning({ ...getTableColumns(outboxEvents), clock: sql<string>`(extract(epoch from clock_timestamp()) * 1000)::bigint` });
  const byKey = new Map(claimed.map(({ clock: _clock, ...e }) => [keyOf(e.workspaceId, e.id), e as OutboxEventRow]));
  const events: OutboxEventRow[] = [];
  for (const item of items) {
    const event = byKey.get(keyOf(item.workspaceId, item.id));
    if (event) {
      events.push(event);
      byKey.delete(keyOf(item.workspaceId, item.id));
    }
  }
  return {
    events,
    conversations: new Map(locked.map((c) => [keyOf(c.workspaceId, c.id), c])),
    now: claimed.length ? Number(claimed[0]!.clock) : 0,
  };
}
