// Setup for int tests that import apps/web route handlers and server actions directly.
// Only Next's request-scoped modules are replaced; the handlers, auth checks, data layer,
// Postgres and Redis are all real.
import { createRequire } from 'node:module';
import { vi } from 'vitest';
import * as standIn from './next-headers-stand-in';
import { sessionState } from './session-state';

vi.mock('next/headers', () => import('./next-headers-stand-in'));

// next-auth's route handler loads next/headers with require(), which vi.mock does not reach:
// point that CommonJS module at the same stand-ins.
const requireHere = createRequire(import.meta.url);
const nextHeadersCjs = requireHere(createRequire(requireHere.resolve('next-auth')).resolve('next/headers')) as Record<string, unknown>;
Object.assign(nextHeadersCjs, { cookies: standIn.cookies, headers: standIn.headers });

vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

vi.mock('@/server/auth/require-user', async () => {
  const { getUser, isUuid } = await import('@baton/db');
  const { getDb } = await import('@/server/db');
  const { redirect } = await import('next/navigation');
  const getSessionUser = async () => (isUuid(sessionState.userId) ? getUser(getDb(), sessionState.userId) : null);
  return {
    getSessionUser,
    requireUser: async () => (await getSessionUser()) ?? redirect('/sign-in'),
  };
});
