import { z } from 'zod';
import type { Tenant } from '../tenancy/tenant';
import { receiveInboundMessages } from './receive-inbound-messages';

export const inboundMessageSchema = z.object({
  contact: z.object({
    externalId: z.string().trim().min(1).max(200),
    name: z.string().trim().min(1).max(200).optional(),
    email: z.email().optional(),
  }),
  text: z.string().trim().min(1).max(10_000),
  externalId: z.string().trim().min(1).max(200).optional(),
});
export type InboundMessage = z.infer<typeof inboundMessageSchema>;

export type InboundResult = {
  conversationId: string;
  contactId: string;
  messageId: string;
  openedConversation: boolean;
  duplicate: boolean;
  /** Outbox events to hand to the queue after commit (the relay catches any we miss). */
  outboxEventIds: string[];
};

/**
 * A customer message on a channel: upserts the contact, opens a conversation when the
 * contact has none open, stores the message once per external id, and writes the
 * conversation.opened / message.received events in the same transaction. A batch of one
 * (see receiveInboundMessages, which the API's group commit uses).
 */
export async function receiveInboundMessage(
  t: Tenant,
  channelId: string,
  input: InboundMessage,
): Promise<InboundResult> {
  const [outcome] = await receiveInboundMessages(t.db, [{ workspaceId: t.workspaceId, channelId, input }]);
  if (!outcome!.ok) throw outcome!.error;
  return outcome!.result;
}
