import { NextResponse, type NextRequest } from 'next/server';
import { getToken } from 'next-auth/jwt';
import { authSecret } from '@/server/auth/auth-secret';

/**
 * Defence in depth only: sends visitors without a session to /sign-in before rendering.
 * Every page, server action and route handler still checks the session and role itself
 * (requireMember), since a valid JWT says nothing about the active workspace or role.
 */
export async function proxy(request: NextRequest) {
  // next-auth names the cookie __Secure-… when it sees https; behind a TLS proxy we may not.
  const token =
    (await getToken({ req: request, secret: authSecret, secureCookie: false })) ??
    (await getToken({ req: request, secret: authSecret, secureCookie: true }));
  if (token) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = '/sign-in';
  url.search = '';
  const back = request.nextUrl.pathname + request.nextUrl.search;
  if (back !== '/') url.searchParams.set('callbackUrl', back);
  return NextResponse.redirect(url);
}

export const config = {
  // Not: /api/** (API keys under /api/v1, next-auth under /api/auth, each authenticates
  // itself), Next's assets, public auth pages, files with an extension.
  matcher: ['/((?!api/|_next/|sign-in|sign-up|invite/|no-workspace|favicon\\.ico|.*\\.[a-zA-Z0-9]+$).*)'],
};
