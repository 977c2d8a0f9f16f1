import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { users } from '../schema';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './password-hash';
import { normalizeEmail } from './normalize-email';

/** `sessionVersion` goes into the session token (see session-version.ts). */
export type VerifiedUser = { id: string; email: string; name: string; sessionVersion: number };

/** The user for this email and password, or null; same bcrypt work whether or not the email exists. */
export async function verifyCredentials(
  db: Executor,
  email: string,
  password: string,
): Promise<VerifiedUser | null> {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash, sessionVersion: users.sessionVersion })
    .from(users)
    .where(sql`lower(${users.email}) = ${normalizeEmail(email)}`);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !ok) return null;
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
