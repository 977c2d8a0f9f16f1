import { and, eq } from 'drizzle-orm';
import { memberships } from '../schema';
import { inTransaction, type Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { requireUuid } from './require-uuid';
import type { Role } from './roles';

/**
 * Changes a member's role. The workspace's owner rows are locked first, so two admins
 * demoting the last two owners at once cannot leave the workspace with none.
 */
export async function updateMemberRole(t: Tenant, userId: string, role: Role): Promise<{ userId: string; role: Role }> {
  requireUuid(userId, 'Member');
  return inTransaction(t, async (tx) => {
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
    if (current.role === 'owner' && role !== 'owner' && owners.length <= 1) {
      throw new DomainError('conflict', 'A workspace needs at least one owner: make someone else owner first');
    }
    await tx.db
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.workspaceId, tx.workspaceId), eq(memberships.userId, userId)));
    return { userId, role };
  });
}

