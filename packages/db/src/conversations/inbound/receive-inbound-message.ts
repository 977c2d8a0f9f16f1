import type { Tenant } from '../../tenancy/tenant';
import type { InboundMessage, InboundResult } from './inbound-message';
import { receiveInboundMessages } from './receive-inbound-messages';

export { inboundAfterCommit, inboundMessageSchema, type InboundMessage, type InboundResult } from './inbound-message';

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
