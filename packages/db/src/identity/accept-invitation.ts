import { eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { invitations, memberships, users } from '../schema';
import { DomainError } from '../tenancy/errors';
import { toWorkspaceId, type WorkspaceId } from '../tenancy/workspace-id';
import { invitationStatus } from './find-invitation';
import { hashPassword } from './password-hash';
import { normalizeEmail } from './normalize-email';
import { sha256Hex } from './token-hash';
import { isUniqueViolation } from './unique-violation';
import { verifyCredentials } from './verify-credentials';

export type AcceptAs =
  /** Already signed in: the session vouches for the user. */
  | { kind: 'user'; userId: string }
  /** Has an account, not signed in: the password for the invited email. */
  | { kind: 'password'; password: string }
  /** No account yet: one is created for the invited email. */
  | { kind: 'new'; name: string; password: string };

export type AcceptedInvitation = { workspaceId: WorkspaceId; userId: string; email: string };

/**
 * Turns an invitation into a membership. The invitation row is locked, so two clicks on
 * the same link make one membership and the second gets "already used". Joining a
 * workspace one already belongs to keeps the existing membership (and its role).
 */
export async function acceptInvitation(
  db: Database,
  token: string,
  as: AcceptAs,
  now: Date = new Date(),
): Promise<AcceptedInvitation> {
  // Hash outside the transaction: bcrypt must not hold the invitation's row lock.
  const newPasswordHash = as.kind === 'new' ? await hashPassword(as.password) : null;
  try {
    return await db.transaction(async (tx) => {
      const [inv] = await tx
        .select()
        .from(invitations)
        .where(eq(invitations.tokenHash, sha256Hex(token)))
        .for('update');
      if (!inv) throw new DomainError('not_found', 'This invitation link is not valid');
      const status = invitationStatus(inv, now);
      if (status === 'accepted') throw new DomainError('conflict', 'This invitation has already been used');
      if (status === 'revoked') throw new DomainError('expired', 'This invitation was revoked; ask for a new one');
      if (status === 'expired') throw new DomainError('expired', 'This invitation has expired; ask for a new one');

      const email = normalizeEmail(inv.email);
      let userId: string;
      if (as.kind === 'user') {
        const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, as.userId));
        if (!user) throw new DomainError('unauthorized', 'Sign in to accept this invitation');
        if (normalizeEmail(user.email) !== email) {
          throw new DomainError('forbidden', `This invitation is for ${email}; sign in with that account`);
        }
        userId = as.userId;
      } else if (as.kind === 'password') {
        const user = await verifyCredentials(tx, email, as.password);
        if (!user) throw new DomainError('unauthorized', 'Wrong password', { field: 'password' });
        userId = user.id;
      } else {
        const [existing] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
        if (existing) {
          throw new DomainError('conflict', 'An account with this email already exists: sign in to accept', {
            field: 'email',
          });
        }
        const [user] = await tx
          .insert(users)
          .values({ email, name: as.name.trim(), passwordHash: newPasswordHash! })
          .returning({ id: users.id });
        userId = user!.id;
      }

      await tx
        .insert(memberships)
        .values({ workspaceId: inv.workspaceId, userId, role: inv.role, availability: 'offline' })
        .onConflictDoNothing({ target: [memberships.workspaceId, memberships.userId] });
      await tx.update(invitations).set({ acceptedAt: now }).where(eq(invitations.id, inv.id));
      return { workspaceId: toWorkspaceId(inv.workspaceId), userId, email };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_unique')) {
      throw new DomainError('conflict', 'An account with this email already exists: sign in to accept', {
        field: 'email',
      });
    }
    throw error;
  }
}
