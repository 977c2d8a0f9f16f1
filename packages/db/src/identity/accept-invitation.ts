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

export type AcceptAs =
  /** Already signed in: the session vouches for the user. (An existing account signs in
   * through the rate-limited sign-in first: there is no password check here to guess against.) */
  | { kind: 'user'; userId: string }
  /** No account yet: one is created for the invited email. */
  | { kind: 'new'; name: string; password: string };

export type AcceptedInvitation = { workspaceId: WorkspaceId; userId: string; email: string };

/**
 * Deliberately vague: whether the invited email has an account is not for the link holder
 * to learn (an admin can invite any address). Said the same way for every refusal of that kind.
 */
export const CANNOT_CREATE_ACCOUNT =
  "We couldn't create an account for this invitation. If you already have a Baton account, sign in to accept it.";
const cannotCreate = () => new DomainError('conflict', CANNOT_CREATE_ACCOUNT);

type InvitationRow = typeof invitations.$inferSelect;

function refuseUnlessPending(inv: InvitationRow | undefined, now: Date): asserts inv is InvitationRow {
  if (!inv) throw new DomainError('not_found', 'This invitation link is not valid');
  const status = invitationStatus(inv, now);
  if (status === 'accepted') throw new DomainError('conflict', 'This invitation has already been used');
  if (status === 'revoked') throw new DomainError('expired', 'This invitation was revoked; ask for a new one');
  if (status === 'expired') throw new DomainError('expired', 'This invitation has expired; ask for a new one');
}

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
  const tokenHash = sha256Hex(token);
  let newPasswordHash: string | null = null;
  if (as.kind === 'new') {
    // The token and the email first, without a lock: a garbage token or an email that has an
    // account costs one indexed read, never a bcrypt hash. Then hash with no lock held (a
    // hash takes ~80 ms; the row lock would queue every other click on the link behind it).
    const [inv] = await db.select().from(invitations).where(eq(invitations.tokenHash, tokenHash));
    refuseUnlessPending(inv, now);
    const [existing] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${normalizeEmail(inv.email)}`);
    if (existing) throw cannotCreate();
    newPasswordHash = await hashPassword(as.password);
  }
  try {
    return await db.transaction(async (tx) => {
      // Re-read under the lock: the invitation may have been used or revoked meanwhile.
      const [inv] = await tx.select().from(invitations).where(eq(invitations.tokenHash, tokenHash)).for('update');
      refuseUnlessPending(inv, now);

      const email = normalizeEmail(inv.email);
      let userId: string;
      if (as.kind === 'user') {
        const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, as.userId));
        if (!user) throw new DomainError('unauthorized', 'Sign in to accept this invitation');
        if (normalizeEmail(user.email) !== email) {
          throw new DomainError('forbidden', `This invitation is for ${email}; sign in with that account`);
        }
        userId = as.userId;
      } else {
        // An account created for this email since the check above: the unique index refuses it below.
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
    if (isUniqueViolation(error, 'users_email_unique')) throw cannotCreate();
    throw error;
  }
}
