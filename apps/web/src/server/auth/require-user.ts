import 'server-only';
import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { findUserForSession, isUuid, type UserProfile } from '@baton/db';
import { getDb } from '@/server/db';
import { authOptions } from './auth-options';

export type SessionUser = UserProfile;

/**
 * The signed-in user, or null. Re-read from the database (once per request) so a deleted
 * user's still-valid JWT signs in nobody, and neither does one issued before the user's
 * last "sign out everywhere" (its session version is behind).
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!isUuid(id)) return null;
  const version = session?.user?.sessionVersion;
  return findUserForSession(getDb(), id, typeof version === 'number' && Number.isInteger(version) ? version : 0);
});

/** The signed-in user; otherwise redirects to /sign-in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect('/sign-in');
  return user;
}
