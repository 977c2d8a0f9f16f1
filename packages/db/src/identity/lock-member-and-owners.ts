import { and, eq } from 'drizzle-orm';
import { memberships } from '../schema';
import type { TenantTx } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import type { Role } from './roles';

/**
 * Locks the workspace's owner rows, then the member's, and returns the member's role and
 * whether they are the only owner. Locking owners first is what keeps two admins, demoting
 * or removing the last two owners at once, from leaving the workspace with none.
 */
export async function lockMemberAndOwners(tx: TenantTx, userId: string): Promise<{ role: Role; isLastOwner: boolean }> {
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
  return { role: current.role, isLastOwner: current.role === 'owner' && owners.length <= 1 };
}
