export { encryptSecret, decryptSecret } from './secret-box';
export { signPayload, verifySignature, SIGNATURE_HEADER, TIMESTAMP_HEADER, SIGNATURE_TOLERANCE_MS } from './inbound-signature';
export { findChannelSecret } from './find-channel-secret';
