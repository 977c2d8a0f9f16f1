/**
 * Retry schedule of event webhooks: the base delay times 4 per failed attempt, capped at an
 * hour (1 s base: 1 s, 4 s, 16 s, 64 s, ~4 min, ~17 min, ~1 h, 1 h, 1 h), about 3.4 hours
 * over 10 attempts — long enough to ride out a receiver's deploy or short outage, after
 * which the delivery is failed and an admin can resend it from the log.
 */
export const WEBHOOK_MAX_ATTEMPTS = 10;
export const WEBHOOK_RETRY_BASE_MS = 1000;
const MAX_DELAY_MS = 3_600_000;

export function webhookRetryDelayMs(attemptsMade: number, baseMs = WEBHOOK_RETRY_BASE_MS): number {
  return Math.min(MAX_DELAY_MS, baseMs * 4 ** Math.max(0, attemptsMade - 1));
}
