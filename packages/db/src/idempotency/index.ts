export {
  claimIdempotencyKey,
  completeIdempotencyKey,
  releaseIdempotencyKey,
  deleteExpiredIdempotencyKeys,
  IDEMPOTENCY_TTL_HOURS,
  IDEMPOTENCY_ABANDONED_SECONDS,
  type IdempotencyClaim,
  type IdempotencyRef,
} from './idempotency-keys';
export { sweepExpiredIdempotencyKeys } from './sweep-expired-idempotency-keys.sql';
