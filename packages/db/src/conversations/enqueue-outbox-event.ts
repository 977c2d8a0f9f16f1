import { outboxEvents } from '../schema';
import type { TenantTx } from '../tenancy/tenant';

type OutboxInput = Pick<
  typeof outboxEvents.$inferInsert,
  'type' | 'conversationId' | 'source' | 'payload'
>;

/** Written in the same transaction as the change it announces (transactional outbox). */
export async function enqueueOutboxEvent(tx: TenantTx, event: OutboxInput): Promise<string> {
  const [row] = await tx.db
    .insert(outboxEvents)
    .values({ ...event, workspaceId: tx.workspaceId })
    .returning({ id: outboxEvents.id });
  return row!.id;
}
