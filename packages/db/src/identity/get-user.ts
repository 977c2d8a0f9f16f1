import { eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { users } from '../schema';

export type UserProfile = { id: string; email: string; name: string };

/** A user by id (users are global, not tenant data), or null. */
export async function getUser(db: Executor, userId: string): Promise<UserProfile | null> {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, userId));
  return user ?? null;
}
