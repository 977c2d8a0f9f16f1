import 'server-only';
import { normalizeEmail } from '@baton/db';
import { rateLimit } from './rate-limit';
import { parseSignInRateLimited, SignInRateLimitedError } from './sign-in-rate-limited';

/**
 * One password attempt, called inside authorize() before bcrypt, so every path into the
 * credentials provider pays (next-auth picks the provider from decoded route params:
 * `/callback/credential%73` is the same provider, and a limiter in front of it that
 * matched the raw path was skipped). Two buckets:
 * - per account, keyed on the normalised email alone: guessing one password from many
 *   addresses. The same for emails with and without an account, so a 429 reveals nothing.
 * - per client IP: spraying one password over many emails.
 * Throws SignInRateLimitedError when either is spent.
 */
export async function limitSignInAttempt(email: string, ip: string): Promise<void> {
  const perIp = await rateLimit('signInIp', ip);
  if (perIp && !perIp.allowed) throw new SignInRateLimitedError(perIp.retryAfterMs);
  const perAccount = await rateLimit('signInAccount', normalizeEmail(email));
  if (perAccount && !perAccount.allowed) throw new SignInRateLimitedError(perAccount.retryAfterMs);
}

/**
 * next-auth answers a throwing authorize() with a redirect (302, or 401 and `{ url }` when its
 * client asks for JSON) to `error=RateLimited:N`. Turn that into 429 with Retry-After. The
 * body keeps next-auth's `{ url }` shape, so its client still hands `error` to the form.
 */
export async function signInRateLimitedAsTooMany(response: Response): Promise<Response> {
  if (response.status !== 401 && response.status !== 302) return response;
  let url = response.headers.get('location');
  if (!url && response.headers.get('content-type')?.includes('application/json')) {
    url = ((await response.clone().json()) as { url?: unknown }).url as string | null;
  }
  if (typeof url !== 'string') return response;
  const seconds = parseSignInRateLimited(new URL(url, 'http://localhost').searchParams.get('error'));
  if (seconds === null) return response;
  const headers = new Headers(response.headers);
  headers.delete('location');
  headers.set('content-type', 'application/json');
  headers.set('retry-after', String(seconds));
  const body = { url, error: { code: 'rate_limited', message: `Too many sign-in attempts; try again in ${seconds} s` } };
  return new Response(JSON.stringify(body), { status: 429, headers });
}
