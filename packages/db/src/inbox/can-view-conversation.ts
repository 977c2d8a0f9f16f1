import { and, eq } from 'drizzle-orm';
import { conversations } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { notFound } from '../tenancy/errors';
import { seesAllConversations, visibleTo, type InboxViewer } from './inbox-viewer';

export async function canViewConversation(t: Tenant, viewer: InboxViewer, conversationId: string): Promise<boolean> {
  const [row] = await t.db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(visibleTo(t, viewer), eq(conversations.id, conversationId)));
  return Boolean(row);
}

/**
 * Refuses as "not found" rather than "forbidden": an agent must not learn that a
 * conversation outside their teams exists.
 */
export async function requireVisibleConversation(t: Tenant, viewer: InboxViewer, conversationId: string): Promise<void> {
  if (seesAllConversations(viewer)) return;
  if (!(await canViewConversation(t, viewer, conversationId))) throw notFound('Conversation');
}
