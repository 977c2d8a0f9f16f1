import { conversationEvents } from '../schema';
import type { TenantTx } from '../tenancy/tenant';

type EventInput = Omit<typeof conversationEvents.$inferInsert, 'workspaceId' | 'id' | 'createdAt'>;

/** Appends to the event log; an event with an effect key is written at most once. */
export async function recordConversationEvent(tx: TenantTx, event: EventInput): Promise<void> {
  await tx.db
    .insert(conversationEvents)
    .values({ ...event, workspaceId: tx.workspaceId })
    .onConflictDoNothing();
}
