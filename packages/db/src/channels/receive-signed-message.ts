import type { Executor } from '../client';
import { tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { inboundAfterCommit, inboundMessageSchema, receiveInboundMessage, type InboundMessage, type InboundResult } from '../conversations/inbound/receive-inbound-message';
import { findChannelSecret } from './find-channel-secret';
import { verifySignature } from './inbound-signature';
import type { WithAfterCommit } from '../committed';

export type SignedInbound = {
  /** The raw body, or how to read it: read only once the channel is known to exist. */
  rawBody: string | (() => Promise<string>);
  timestamp: string | null;
  signature: string | null;
  now?: number;
  /**
   * Runs once the signature is verified and the body parsed, just before the message is
   * stored (the replay guard): it may throw to refuse, and returns what undoes it should
   * storing fail, so a request that fails after it can be retried.
   */
  beforeStore?: (message: InboundMessage) => Promise<(() => Promise<void>) | undefined>;
};

/**
 * An inbound message from an external system, authenticated by the channel's secret. In
 * order, cheapest refusal first: the channel id (a UUID) and the channel must exist, then
 * the body is read, the signature checked (constant time, ±5 minutes), the body parsed, and
 * only then does anything get written. A replayed externalId inside the window is
 * acknowledged without storing it twice.
 */
export async function receiveSignedMessage(
  db: Executor,
  channelId: string,
  request: SignedInbound,
): Promise<WithAfterCommit<InboundResult & { workspaceId: string }>> {
  const channel = await findChannelSecret(db, channelId);
  if (!channel) throw new DomainError('not_found', 'Channel not found');
  const rawBody = typeof request.rawBody === 'string' ? request.rawBody : await request.rawBody();
  const check = verifySignature({ secret: channel.secret, rawBody, timestamp: request.timestamp, signature: request.signature, now: request.now });
  if (!check.ok) throw new DomainError('unauthorized', check.reason, { code: 'invalid_signature' });
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new DomainError('invalid', 'The request body is not valid JSON', [{ field: '(body)', message: 'not valid JSON' }]);
  }
  const message = inboundMessageSchema.parse(body);
  const undo = await request.beforeStore?.(message);
  try {
    const result = await receiveInboundMessage(tenant(db, channel.workspaceId), channelId, message);
    return { ...result, workspaceId: channel.workspaceId, afterCommit: inboundAfterCommit(channel.workspaceId, result) };
  } catch (error) {
    await undo?.().catch(() => {});
    throw error;
  }
}
