import { sql } from 'drizzle-orm';
import { conversationReads } from '../schema';
import type { Tenant } from '../tenancy/tenant';

/** The viewer has now seen everything up to this moment in the conversation. */
export async function markConversationRead(t: Tenant, userId: string, conversationId: string): Promise<void> {
  await t.db
    .insert(conversationReads)
    .values({ workspaceId: t.workspaceId, conversationId, userId })
    .onConflictDoUpdate({
      target: [conversationReads.conversationId, conversationReads.userId],
      set: { lastReadAt: sql`now()` },
    });
}
