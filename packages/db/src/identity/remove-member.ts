import { and, eq } from 'drizzle-orm';
import { memberships, teamMembers } from '../schema';
import { inTransaction, type Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { requireUuid } from './require-uuid';
import { lockMemberAndOwners } from './lock-member-and-owners';
import type { Role } from './roles';

/**
 * Removes someone from the workspace and its teams; the last owner cannot be removed. `by`
 * is the acting member's role: only owners remove owners, decided on the role read under
 * the lock (see updateMemberRole).
 */
export async function removeMember(t: Tenant, userId: string, { by }: { by: Role }): Promise<void> {
  requireUuid(userId, 'Member');
  await inTransaction(t, async (tx) => {
    const member = await lockMemberAndOwners(tx, userId);
    if (member.role === 'owner' && by !== 'owner') throw new DomainError('forbidden', 'Only owners can remove owners');
    if (member.isLastOwner) {
      throw new DomainError('conflict', 'The last owner cannot be removed');
    }
    await tx.db
      .delete(teamMembers)
      .where(and(eq(teamMembers.workspaceId, tx.workspaceId), eq(teamMembers.userId, userId)));
    await tx.db
      .delete(memberships)
      .where(and(eq(memberships.workspaceId, tx.workspaceId), eq(memberships.userId, userId)));
  });
}
