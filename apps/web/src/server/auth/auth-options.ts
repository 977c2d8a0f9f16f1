import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { verifyCredentials } from '@baton/db';
import { getDb } from '@/server/db';
import { clientIpFromHeaders } from '@/server/rate-limit/client-ip';
import { limitSignInAttempt } from '@/server/rate-limit/limit-sign-in';
import { authSecret } from './auth-secret';

const credentials = z.object({ email: z.string().trim().email(), password: z.string().min(1).max(200) });

export const authOptions: NextAuthOptions = {
  secret: authSecret,
  session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: '/sign-in', error: '/sign-in' },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(raw, req) {
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) return null;
        // Here, not in front of the route: every way into this provider pays, before bcrypt.
        // Throws when spent; the route turns that into 429 with Retry-After.
        await limitSignInAttempt(parsed.data.email, clientIpFromHeaders(req?.headers ?? {}));
        const user = await verifyCredentials(getDb(), parsed.data.email, parsed.data.password);
        return user ? { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } : null;
      },
    }),
  ],
  callbacks: {
    // The token carries only the user id; workspace and role are read from the database on
    // every request, so removing someone from a workspace takes effect immediately.
    // The session version it was issued with goes in too: getSessionUser accepts the token
    // only while it matches the user's (a "sign out everywhere" bumps it).
    jwt({ token, user }) {
      if (user) {
        token.userId = user.id;
        token.sessionVersion = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      if (typeof token.userId === 'string') {
        session.user = { ...session.user, id: token.userId, sessionVersion: typeof token.sessionVersion === 'number' ? token.sessionVersion : 0 };
      }
      return session;
    },
  },
};
