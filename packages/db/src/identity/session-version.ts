import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { users } from '../schema';
import type { UserProfile } from './get-user';

/**
 * The user a session token names, only while the token's session version is the user's
 * current one: tokens issued before a "sign out everywhere" find nobody. Tokens from before
 * versions existed count as version 0.
 */
export async function findUserForSession(db: Executor, userId: string, sessionVersion: number): Promise<UserProfile | null> {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.sessionVersion, sessionVersion)));
  return user ?? null;
}

/** "Sign out everywhere": every session token issued so far stops working. Returns the new version. */
export async function revokeUserSessions(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion });
  return row?.sessionVersion ?? 0;
}
