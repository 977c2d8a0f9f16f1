export { rateLimit, limitOrNull, tooManyRequests, tooManyRequestsReply, type RateLimitDecision } from './rate-limit';
export { clientIp } from './client-ip';
export { readLimit, rateLimitsEnabled, type LimitName } from './rate-limit-config';
export { claimSignature, type SignatureClaim } from './replay-guard';
