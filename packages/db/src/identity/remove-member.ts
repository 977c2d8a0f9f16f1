import { and, eq } from 'drizzle-orm';
import { memberships, teamMembers } from '../schema';
import { inTransaction, type Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { requireUuid } from './require-uuid';

/** Removes someone from the workspace and its teams; the last owner cannot be removed. */
export async function removeMember(t: Tenant, userId: string): Promise<void> {
  requireUuid(userId, 'Member');
  await inTransaction(t, async (tx) => {
    const owners = await tx.db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, tx.workspaceId), eq(memberships.role, 'owner')))
      .for('update');
    const [current] = await tx.db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, tx.workspaceId), eq(memberships.userId, userId)))
      .for('update');
    if (!current) throw new DomainError('not_found', 'Member not found');
    if (current.role === 'owner' && owners.length <= 1) {
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
