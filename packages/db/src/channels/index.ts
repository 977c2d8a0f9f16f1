export { encryptSecret, decryptSecret } from './secret-box';
export { signPayload, verifySignature, SIGNATURE_HEADER, TIMESTAMP_HEADER, SIGNATURE_TOLERANCE_MS } from './inbound-signature';
export { findChannelSecret } from './find-channel-secret';
export {
  listChannels,
  createChannel,
  updateChannel,
  rotateChannelSecret,
  revealChannelSecret,
  channelInputSchema,
  type ChannelInput,
  type ChannelSummary,
} from './manage-channels';
export { postSignedPayload, type PostOutcome } from './post-signed-payload';
export { loadPendingDelivery, recordDeliveryAttempt, findStalePendingDeliveries, type PendingDelivery } from './outbound-delivery';
export { receiveSignedMessage, type SignedInbound } from './receive-signed-message';
