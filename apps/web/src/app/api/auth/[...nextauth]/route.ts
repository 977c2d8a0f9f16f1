import NextAuth from 'next-auth';
import { authOptions } from '@/server/auth/auth-options';
import { signInRateLimitedAsTooMany } from '@/server/rate-limit/limit-sign-in';
import { declaredTooLarge, maxBodyBytes, payloadTooLargeReply } from '@/server/body/body-limit';

const handler = NextAuth(authOptions);

/**
 * Password sign-in is rate limited inside the credentials provider's authorize() (per email
 * and per client IP), whatever the path spelling. next-auth reports that as a redirect to
 * `error=RateLimited:N`; it leaves here as 429 with Retry-After.
 */
async function POST(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  // next-auth reads the form itself: a declared body over the limit is refused before it does.
  // (A chunked body is read by next-auth unbounded; its forms are a few hundred bytes.)
  const limit = maxBodyBytes();
  if (declaredTooLarge(req.headers.get('content-length'), limit)) {
    const reply = payloadTooLargeReply(limit);
    return Response.json(reply.body, { status: reply.status, headers: reply.headers });
  }
  return signInRateLimitedAsTooMany(await handler(req, ctx));
}

export { handler as GET, POST };
