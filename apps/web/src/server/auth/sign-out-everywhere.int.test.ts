// "Sign out everywhere" with real session tokens: sign in twice through next-auth's route
// (two browsers), read each session back through the real getSessionUser, bump the user's
// session version, and both tokens sign in nobody; a new sign-in works.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import { createTestWorkspace, testDatabase, type TestWorkspace } from '@baton/db/testing';
import { sessionState, signInAs } from '@/security/session-state';

const handle = testDatabase();
const savedUrl = process.env.NEXTAUTH_URL;
type Route = (req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;
let route: { GET: Route; POST: Route };
let ws: TestWorkspace;
// The setup file stands in for getSessionUser (tests sign in by id); this test needs the real one.
let realGetSessionUser: () => Promise<{ id: string } | null>;

beforeAll(async () => {
  process.env.NEXTAUTH_URL = 'http://baton.test';
  process.env.RATE_LIMIT_SIGNIN = `1000/60`; // not what this test is about
  ws = await createTestWorkspace(handle.db, { members: [{ name: 'Roamer', role: 'agent' }] });
  route = (await import('@/app/api/auth/[...nextauth]/route')) as unknown as typeof route;
  ({ getSessionUser: realGetSessionUser } = await vi.importActual<typeof import('./require-user')>('./require-user'));
});
afterAll(async () => {
  if (savedUrl === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = savedUrl;
  delete process.env.RATE_LIMIT_SIGNIN;
  sessionState.cookies.clear();
  await handle.close();
});

const call = (method: 'GET' | 'POST', path: string, nextauth: string[], body?: string) =>
  route[method](new NextRequest(new URL(path, 'http://baton.test'), { method, body, headers: body ? { 'content-type': 'application/x-www-form-urlencoded' } : {} }), {
    params: Promise.resolve({ nextauth }),
  });

function cookiesFrom(res: Response): Map<string, string> {
  return new Map(res.headers.getSetCookie().map((c) => c.split(';')[0]!.split(/=(.*)/s) as [string, string]));
}

/** A fresh browser signs in: returns its session cookie. */
async function signInBrowser(email: string, password: string): Promise<string> {
  sessionState.cookies.clear();
  const csrf = await call('GET', '/api/auth/csrf', ['csrf']);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  for (const [k, v] of cookiesFrom(csrf)) sessionState.cookies.set(k, decodeURIComponent(v));
  const res = await call('POST', '/api/auth/callback/credentials', ['callback', 'credentials'], new URLSearchParams({ email, password, csrfToken, json: 'true' }).toString());
  expect(res.status, await res.clone().text()).toBe(200);
  return cookiesFrom(res).get('next-auth.session-token')!;
}

async function whoIs(sessionToken: string) {
  sessionState.cookies.clear();
  sessionState.cookies.set('next-auth.session-token', sessionToken);
  return realGetSessionUser();
}

describe('sign out everywhere', () => {
  it('ends every session issued so far; signing in again works', async () => {
    const user = Object.values(ws.users)[0]!;
    const laptop = await signInBrowser(user.email, 'password');
    const phone = await signInBrowser(user.email, 'password');
    expect((await whoIs(laptop))?.id).toBe(user.id);
    expect((await whoIs(phone))?.id).toBe(user.id);

    signInAs(user.id, ws.workspaceId);
    const { signOutEverywhereAction } = await import('@/app/(app)/session-actions');
    expect(await signOutEverywhereAction()).toEqual({ ok: true, data: undefined });

    expect(await whoIs(laptop)).toBeNull();
    expect(await whoIs(phone)).toBeNull();
    const again = await signInBrowser(user.email, 'password');
    expect((await whoIs(again))?.id).toBe(user.id);
  });
});
