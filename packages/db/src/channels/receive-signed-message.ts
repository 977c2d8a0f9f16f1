import type { Executor } from '../client';
import { tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { inboundMessageSchema, receiveInboundMessage, type InboundResult } from '../conversations/receive-inbound-message';
import { findChannelSecret } from './find-channel-secret';
import { verifySignature } from './inbound-signature';

export type SignedInbound = { rawBody: string; timestamp: string | null; signature: string | null; now?: number };

/**
 * An inbound message from an external system, authenticated by the channel's secret:
 * the signature is checked (constant time, ±5 minutes) before the body is even parsed, and
 * a replayed externalId inside the window is acknowledged without storing it twice.
 */
export async function receiveSignedMessage(
  db: Executor,
  channelId: string,
  request: SignedInbound,
): Promise<InboundResult & { workspaceId: string }> {
  const channel = await findChannelSecret(db, channelId);
  if (!channel) throw new DomainError('not_found', 'Channel not found');
  const check = verifySignature({ secret: channel.secret, ...request });
  if (!check.ok) throw new DomainError('unauthorized', check.reason, { code: 'invalid_signature' });
  let body: unknown;
  try {
    body = JSON.parse(request.rawBody);
  } catch {
    throw new DomainError('invalid', 'The request body is not valid JSON', [{ field: '(body)', message: 'not valid JSON' }]);
  }
  const result = await receiveInboundMessage(tenant(db, channel.workspaceId), channelId, inboundMessageSchema.parse(body));
  return { ...result, workspaceId: channel.workspaceId };
}
