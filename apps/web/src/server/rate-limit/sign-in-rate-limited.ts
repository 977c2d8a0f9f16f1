// No server-only: the sign-in form reads the same error code.

/** next-auth puts a thrown error's message in the `error` parameter of its answer. */
export const SIGN_IN_RATE_LIMITED = 'RateLimited';

/** Thrown from the credentials provider's authorize(): message `RateLimited:<seconds>`. */
export class SignInRateLimitedError extends Error {
  readonly retryAfterSeconds: number;
  constructor(retryAfterMs: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super(`${SIGN_IN_RATE_LIMITED}:${seconds}`);
    this.retryAfterSeconds = seconds;
  }
}

/** `RateLimited:37` → 37, a bare `RateLimited` → 60; anything else → null. */
export function parseSignInRateLimited(error: string | null | undefined): number | null {
  const match = /^RateLimited(?::(\d+))?$/.exec(error ?? '');
  return match ? Math.max(1, Number(match[1] ?? 60)) : null;
}

export function signInRateLimitedMessage(seconds: number): string {
  return `Too many sign-in attempts. Try again in ${seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`}.`;
}
