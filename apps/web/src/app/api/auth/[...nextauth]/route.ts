import NextAuth from 'next-auth';
import { authOptions } from '@/server/auth/auth-options';
import { signInRateLimitedAsTooMany } from '@/server/rate-limit/limit-sign-in';

const handler = NextAuth(authOptions);

/**
 * Password sign-in is rate limited inside the credentials provider's authorize() (per email
 * and per client IP), whatever the path spelling. next-auth reports that as a redirect to
 * `error=RateLimited:N`; it leaves here as 429 with Retry-After.
 */
async function POST(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return signInRateLimitedAsTooMany(await handler(req, ctx));
}

export { handler as GET, POST };
