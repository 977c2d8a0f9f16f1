// Setup for int tests that import apps/web route handlers and server actions directly.
// Only Next's request-scoped modules are replaced; the handlers, auth checks, data layer,
// Postgres and Redis are all real.
import { vi } from 'vitest';
import { sessionState } from './session-state';

vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (sessionState.cookies.has(name) ? { name, value: sessionState.cookies.get(name)! } : undefined),
    set: (name: string, value: string) => void sessionState.cookies.set(name, value),
    delete: (name: string) => void sessionState.cookies.delete(name),
  }),
  headers: async () => new Headers(),
}));

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
