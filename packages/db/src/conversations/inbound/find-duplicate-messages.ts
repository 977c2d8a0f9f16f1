import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../client';
import { conversations, messages } from '../../schema';
import { inTriples } from '../../sql/json-recordset';
import { executeNamedQuery } from '../../sql/named-statement';
import type { InboundOutcome, Indexed } from './inbound-message';

export type StoredMessage = { id: string; conversationId: string; contactId: string };

/** Messages already stored under the items' external ids, keyed by messageKey. */
export async function findDuplicateMessages(
  tx: Tx,
  items: readonly Indexed[],
): Promise<Map<string, StoredMessage>> {
  const withIds = items.filter((i) => i.input.externalId);
  if (withIds.length === 0) return new Map();
  // Issued now (so a caller may pipeline it behind another statement), as a named statement:
  // its text does not depend on the rows (one jsonb parameter), so it is planned once.
  const seen = await executeNamedQuery(
    tx
      .select({
        workspaceId: messages.workspaceId,
        channelId: messages.channelId,
        externalId: messages.externalId,
        id: messages.id,
        conversationId: messages.conversationId,
        contactId: conversations.contactId,
      })
      .from(messages)
      .innerJoin(
        conversations,
        and(
          eq(conversations.workspaceId, messages.workspaceId),
          eq(conversations.id, messages.conversationId),
        ),
      )
      .where(
        inTriples(
          messages.workspaceId,
          messages.channelId,
          messages.externalId,
          withIds.map((i) => [i.workspaceId, i.channelId, i.input.externalId!]),
        ),
      ),
  );
  return new Map(seen.map((s) => [`${s.workspaceId}|${s.channelId}|${s.externalId}`, s]));
}

/** The outcome of a second delivery: the first one's message, nothing written. */
export const duplicateOutcome = (seen: StoredMessage): InboundOutcome => ({
  ok: true,
  result: {
    conversationId: seen.conversationId,
    contactId: seen.contactId,
    messageId: seen.id,
    openedConversation: false,
    duplicate: true,
    outboxEventIds: [],
  },
});
