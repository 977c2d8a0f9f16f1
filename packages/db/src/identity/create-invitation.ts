import { and, eq, isNull, sql } from 'drizzle-orm';
import { invitations, memberships, users } from '../schema';
import { inTransaction, type Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import type { Role } from './roles';
import { normalizeEmail } from './normalize-email';
import { randomToken, sha256Hex } from './token-hash';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type CreatedInvitation = { id: string; email: string; role: Role; expiresAt: Date; token: string };

/**
 * Invites an email to the workspace. The token is returned once, for the link; only its
 * sha256 is stored. A new invitation for the same email revokes the older pending ones,
 * so only the latest link works.
 */
export async function createInvitation(
  t: Tenant,
  input: { email: string; role: Role; invitedBy: string | null; now?: Date },
): Promise<CreatedInvitation> {
  const email = normalizeEmail(input.email);
  const token = randomToken();
  const expiresAt = new Date((input.now ?? new Date()).getTime() + INVITATION_TTL_MS);
  return inTransaction(t, async (tx) => {
    const [member] = await tx.db
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, tx.workspaceId), sql`lower(${users.email}) = ${email}`));
    if (member) throw new DomainError('conflict', `${email} is already a member`, { field: 'email' });
    await tx.db
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(invitations.workspaceId, tx.workspaceId),
          eq(invitations.email, email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      );
    const [row] = await tx.db
      .insert(invitations)
      .values({
        workspaceId: tx.workspaceId,
        email,
        role: input.role,
        tokenHash: sha256Hex(token),
        invitedBy: input.invitedBy,
        expiresAt,
      })
      .returning({ id: invitations.id });
    return { id: row!.id, email, role: input.role, expiresAt, token };
  });
}
