import NextAuth from 'next-auth';
import { authOptions } from '@/server/auth/auth-options';
import { limitSignIn } from '@/server/rate-limit/limit-sign-in';

const handler = NextAuth(authOptions);

/** Password sign-in is rate limited per IP + email and per IP before next-auth sees it. */
async function POST(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  const limited = await limitSignIn(req);
  if (limited) return limited;
  return handler(req, ctx);
}

export { handler as GET, POST };
