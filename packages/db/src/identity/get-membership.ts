import { and, eq } from 'drizzle-orm';
import { memberships } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import type { Availability, Role } from './roles';

export type Membership = {
  id: string;
  userId: string;
  role: Role;
  availability: Availability;
  availabilityChangedAt: Date;
  lastSeenAt: Date | null;
};

/** This user's membership of the tenant's workspace, or null when they are not a member. */
export async function getMembership(t: Tenant, userId: string): Promise<Membership | null> {
  const [row] = await t.db
    .select({
      id: memberships.id,
      userId: memberships.userId,
      role: memberships.role,
      availability: memberships.availability,
      availabilityChangedAt: memberships.availabilityChangedAt,
      lastSeenAt: memberships.lastSeenAt,
    })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, t.workspaceId), eq(memberships.userId, userId)));
  return row ?? null;
}
