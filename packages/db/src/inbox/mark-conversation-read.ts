import { and, eq, sql } from 'drizzle-orm';
import { conversationReads, conversations } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { notFound } from '../tenancy/errors';

/**
 * The viewer has now seen everything up to this moment in the conversation. The
 * conversation must be this workspace's: the foreign key alone would accept another
 * workspace's id (every caller checks today; this does not rely on it).
 */
export async function markConversationRead(t: Tenant, userId: string, conversationId: string): Promise<void> {
  const [own] = await t.db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, t.workspaceId), eq(conversations.id, conversationId)));
  if (!own) throw notFound('Conversation');
  await t.db
    .insert(conversationReads)
    .values({ workspaceId: t.workspaceId, conversationId, userId })
    .onConflictDoUpdate({
      target: [conversationReads.conversationId, conversationReads.userId],
      set: { lastReadAt: sql`now()` },
    });
}
