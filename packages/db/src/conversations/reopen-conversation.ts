import { and, eq, ne, sql } from 'drizzle-orm';
import { conversations } from '../schema';
import { inTransaction, type Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { lockConversation } from './lock-conversation';
import { recordConversationEvent } from './record-conversation-event';
import { enqueueOutboxEvent } from './enqueue-outbox-event';
import { afterCommit, conversationsChanged, type WithAfterCommit } from '../committed';

/**
 * Reopening is a new opening: it may start conversation.opened workflows again, which is
 * how "only the first assignment of an opened conversation" stays true across reopenings.
 */
export function reopenConversation(
  t: Tenant,
  conversationId: string,
  actor: { type: 'user'; userId: string } | { type: 'api' },
): Promise<WithAfterCommit<{ reopened: boolean; outboxEventIds: string[] }>> {
  return inTransaction(t, async (tx) => {
    const conversation = await lockConversation(tx, conversationId);
    if (conversation.status === 'open') return { reopened: false, outboxEventIds: [], afterCommit: afterCommit(tx.workspaceId) };
    const [other] = await tx.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(
        and(
          eq(conversations.workspaceId, tx.workspaceId),
          eq(conversations.channelId, conversation.channelId),
          eq(conversations.contactId, conversation.contactId),
          eq(conversations.status, 'open'),
          ne(conversations.id, conversationId),
        ),
      );
    if (other) {
      throw new DomainError(
        'conflict',
        'This contact already has another open conversation on this channel',
        {
          conversationId: other.id,
        },
      );
    }
    await tx.db
      .update(conversations)
      .set({
        status: 'open',
        closedAt: null,
        openedAt: sql`now()`,
        openedBy: actor.type === 'api' ? 'api' : 'user',
        firstResponseAt: null,
        firstResponseMs: null,
        lastActivityAt: sql`now()`,
      })
      .where(
        and(eq(conversations.workspaceId, tx.workspaceId), eq(conversations.id, conversationId)),
      );
    await recordConversationEvent(tx, {
      conversationId,
      type: 'reopened',
      actorType: actor.type,
      actorUserId: actor.type === 'user' ? actor.userId : null,
    });
    const id = await enqueueOutboxEvent(tx, {
      type: 'conversation.opened',
      conversationId,
      source: actor.type === 'api' ? 'api' : 'user',
      payload: { reopened: true },
    });
    return {
      reopened: true,
      outboxEventIds: [id],
      afterCommit: afterCommit(tx.workspaceId, { events: [id], notices: conversationsChanged([conversationId], 'status') }),
    };
  });
}
