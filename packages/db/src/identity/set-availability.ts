import { and, eq, sql } from 'drizzle-orm';
import { memberships } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { requireUuid } from './require-uuid';
import type { Availability } from './roles';

/**
 * Sets a member's availability. availability_changed_at only moves when the value changes,
 * so "away since 10:02" stays true when someone clicks "away" twice.
 */
export async function setAvailability(
  t: Tenant,
  userId: string,
  availability: Availability,
): Promise<{ availability: Availability; availabilityChangedAt: Date }> {
  requireUuid(userId, 'Member');
  const [row] = await t.db
    .update(memberships)
    .set({
      availability,
      availabilityChangedAt: sql`case when ${memberships.availability} = ${availability} then ${memberships.availabilityChangedAt} else now() end`,
    })
    .where(and(eq(memberships.workspaceId, t.workspaceId), eq(memberships.userId, userId)))
    .returning({ availability: memberships.availability, availabilityChangedAt: memberships.availabilityChangedAt });
  if (!row) throw new DomainError('not_found', 'Member not found');
  return row;
}
