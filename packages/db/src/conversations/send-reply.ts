import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { channels, conversations, memberships, messages } from '../schema';
import { inTransaction, type Tenant } from '../tenancy/tenant';
import { DomainError, notFound } from '../tenancy/errors';
import { afterCommit, conversationsChanged, type WithAfterCommit } from '../committed';
import { lockConversation } from './lock-conversation';

export const replySchema = z.object({
  userId: z.uuid().describe('The member the reply is sent by (through the API: on whose behalf). Must be a member of the workspace'),
  text: z.string().trim().min(1).max(10_000),
});
export type ReplyInput = z.infer<typeof replySchema>;

export type ReplyResult = WithAfterCommit<{ messageId: string; needsDelivery: boolean; firstResponse: boolean }>;

/** Where the reply comes from: the member in the inbox, or an integration's API key on their behalf. */
export type ReplySource = { via: 'inbox' } | { via: 'api'; apiKeyId: string };

/**
 * An agent's outgoing message. It takes the conversation lock, so a wait that falls due
 * at the same moment either sees this reply (and does not reassign) or commits first.
 * Sent through the API it is still the named member's reply (first response, their reply
 * clock: the messages trigger keys on the author), recorded as via the API with the key.
 */
export function sendReply(
  t: Tenant,
  conversationId: string,
  input: ReplyInput,
  source: ReplySource = { via: 'inbox' },
): Promise<ReplyResult> {
  return inTransaction(t, async (tx) => {
    const [member] = await tx.db
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(eq(memberships.workspaceId, tx.workspaceId), eq(memberships.userId, input.userId)),
      );
    if (!member)
      throw new DomainError('invalid', 'userId is not a member of this workspace', {
        field: 'userId',
      });

    const conversation = await lockConversation(tx, conversationId);
    if (conversation.status === 'closed') {
      throw new DomainError('conflict', 'The conversation is closed; reopen it to reply');
    }
    const [channel] = await tx.db
      .select({ outboundUrl: channels.outboundUrl })
      .from(channels)
      .where(
        and(eq(channels.workspaceId, tx.workspaceId), eq(channels.id, conversation.channelId)),
      );
    if (!channel) throw notFound('Channel');
    const needsDelivery = Boolean(channel.outboundUrl);

    const [message] = await tx.db
      .insert(messages)
      .values({
        workspaceId: tx.workspaceId,
        conversationId,
        channelId: conversation.channelId,
        direction: 'outgoing',
        authorUserId: input.userId,
        via: source.via,
        apiKeyId: source.via === 'api' ? source.apiKeyId : null,
        text: input.text,
        deliveryStatus: needsDelivery ? 'pending' : null,
      })
      .returning({ id: messages.id, createdAt: messages.createdAt });

    const firstResponse = conversation.firstResponseAt === null;
    await tx.db
      .update(conversations)
      .set({
        lastOutgoingAt: message!.createdAt,
        lastAgentReplyAt: message!.createdAt,
        lastActivityAt: message!.createdAt,
        lastMessagePreview: input.text.slice(0, 140),
        ...(firstResponse
          ? {
              firstResponseAt: message!.createdAt,
              firstResponseMs: sql`greatest(0, (extract(epoch from ${message!.createdAt.toISOString()}::timestamptz - ${conversations.openedAt}) * 1000)::int)`,
            }
          : {}),
      })
      .where(
        and(eq(conversations.workspaceId, tx.workspaceId), eq(conversations.id, conversationId)),
      );
    return {
      messageId: message!.id,
      needsDelivery,
      firstResponse,
      afterCommit: afterCommit(tx.workspaceId, {
        deliveries: needsDelivery ? [message!.id] : [],
        notices: conversationsChanged([conversationId], 'message'),
      }),
    };
  });
}
