import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import { memberships, users, workspaces } from '../schema';
import { DomainError } from '../tenancy/errors';
import { toWorkspaceId, type WorkspaceId } from '../tenancy/workspace-id';
import { hashPassword } from './password-hash';
import { normalizeEmail } from './normalize-email';
import { isUniqueViolation } from './unique-violation';

export type SignUpInput = { name: string; email: string; password: string; workspaceName: string };
export type SignUpResult = { userId: string; workspaceId: WorkspaceId };

/**
 * Without email verification a sign-up cannot honestly pretend to succeed for a taken email
 * (success signs you in), so the refusal is generic instead of "this email has an account":
 * it names no field and reads the same as any other reason we could not create one.
 * Sign-up is rate limited per IP by the web app, so probing addresses this way is slow.
 */
export const CANNOT_SIGN_UP =
  "We couldn't create an account with these details. If you already have a Baton account, sign in instead.";
const emailTaken = () => new DomainError('conflict', CANNOT_SIGN_UP);

/** A new person and their first workspace, which they own. All or nothing. */
export async function signUp(db: Database, input: SignUpInput): Promise<SignUpResult> {
  const email = normalizeEmail(input.email);
  const existing = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
  if (existing.length > 0) throw emailTaken();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ email, name: input.name.trim(), passwordHash })
        .returning({ id: users.id });
      const [workspace] = await tx
        .insert(workspaces)
        .values({ name: input.workspaceName.trim() })
        .returning({ id: workspaces.id });
      await tx.insert(memberships).values({
        workspaceId: workspace!.id,
        userId: user!.id,
        role: 'owner',
        availability: 'online',
      });
      return { userId: user!.id, workspaceId: toWorkspaceId(workspace!.id) };
    });
  } catch (error) {
    // Two sign-ups racing past the check above: the unique index decides, the transaction undoes.
    if (isUniqueViolation(error, 'users_email_unique')) throw emailTaken();
    throw error;
  }
}
