import { and, eq } from 'drizzle-orm';
import { memberships } from '../schema';
import { inTransaction, type Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { requireUuid } from './require-uuid';
import { lockMemberAndOwners } from './lock-member-and-owners';
import { canAssignRole, type Role } from './roles';

/**
 * Changes a member's role; the last owner cannot be demoted. `by` is the acting member's
 * role: whether they may change this member is decided here, on the role read under the
 * lock, not on one read before it (an admin racing an owner's promotion of the same person
 * would otherwise demote a fresh owner).
 */
export async function updateMemberRole(t: Tenant, userId: string, role: Role, { by }: { by: Role }): Promise<{ userId: string; role: Role }> {
  requireUuid(userId, 'Member');
  return inTransaction(t, async (tx) => {
    const member = await lockMemberAndOwners(tx, userId);
    if (!canAssignRole(by, member.role, role)) throw new DomainError('forbidden', 'Only owners can make or change owners');
    if (member.isLastOwner && role !== 'owner') {
      throw new DomainError('conflict', 'A workspace needs at least one owner: make someone else owner first');
    }
    await tx.db
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.workspaceId, tx.workspaceId), eq(memberships.userId, userId)));
    return { userId, role };
  });
}

