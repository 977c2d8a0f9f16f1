import 'server-only';
import { clientIp } from './client-ip';
import { rateLimit, tooManyRequests } from './rate-limit';

/**
 * For next-auth's credentials callback (the sign-in form posts there): one token per
 * attempt from the IP + email bucket (guessing one account) and from the IP bucket
 * (spraying many). The 429 body carries a `url` like next-auth's own answers, so its
 * client returns `{ error: 'RateLimited' }` to the form instead of failing to parse.
 */
export async function limitSignIn(req: Request): Promise<Response | null> {
  if (!new URL(req.url).pathname.endsWith('/callback/credentials')) return null;
  let email = '';
  try {
    const form = await req.clone().formData();
    email = String(form.get('email') ?? '').trim().toLowerCase();
  } catch {
    /* not a form: next-auth will refuse it */
  }
  const ip = clientIp(req);
  const message = 'Too many sign-in attempts; wait a moment and try again';
  // Absolute: next-auth's client parses it with new URL().
  const url = new URL('/sign-in?error=RateLimited', req.url).href;
  const perAccount = await rateLimit('signInAccount', `${ip}|${email}`);
  if (perAccount && !perAccount.allowed) return tooManyRequests(perAccount, message, { url });
  const perIp = await rateLimit('signInIp', ip);
  if (perIp && !perIp.allowed) return tooManyRequests(perIp, message, { url });
  return null;
}
