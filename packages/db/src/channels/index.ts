export { encryptSecret, decryptSecret } from './secret-box';
export { signPayload, verifySignature, SIGNATURE_HEADER, TIMESTAMP_HEADER, SIGNATURE_TOLERANCE_MS } from './inbound-signature';
export { findChannelSecret } from './find-channel-secret';
export {
  listChannels,
  channelsSigningWithInboundSecret,
  createChannel,
  updateChannel,
  rotateChannelSecret,
  rotateOutboundSecret,
  findOutboundTarget,
  newChannelSecret,
  revealChannelSecret,
  channelInputSchema,
  type ChannelInput,
  type ChannelSummary,
} from './manage-channels';
export { postSignedPayload, type PostOutcome } from './post-signed-payload';
export { checkOutboundDestination, allowsPrivateOutbound, type DestinationCheck } from './outbound-destination';
export { isPublicAddress } from './outbound-address';
export { guardedLookup, systemResolver, BlockedDestinationError, type Resolver, type ResolvedAddress } from './outbound-lookup';
export { createOutboundAgent, closeOutboundAgents } from './outbound-agent';
export { backfillOutboundSecrets } from './backfill-outbound-secrets';
export { loadPendingDelivery, recordDeliveryAttempt, findStalePendingDeliveries, type PendingDelivery } from './outbound-delivery';
export { receiveSignedMessage, type SignedInbound } from './receive-signed-message';
