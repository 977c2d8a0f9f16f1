import { and, eq } from 'drizzle-orm';
import { conversations } from '../schema';
import type { TenantTx } from '../tenancy/tenant';
import { notFound } from '../tenancy/errors';

export type ConversationRow = typeof conversations.$inferSelect;

/**
 * Every change to a conversation (reply, comment, assignment, timer) takes this row lock
 * first, so a reply racing a timer is serialised: whichever commits second sees the other.
 */
export async function lockConversation(
  tx: TenantTx,
  conversationId: string,
): Promise<ConversationRow> {
  const [row] = await tx.db
    .select()
    .from(conversations)
    .where(and(eq(conversations.workspaceId, tx.workspaceId), eq(conversations.id, conversationId)))
    .for('update');
  if (!row) throw notFound('Conversation');
  return row;
}
