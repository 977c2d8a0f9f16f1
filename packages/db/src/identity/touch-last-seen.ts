import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { memberships } from '../schema';
import type { Tenant } from '../tenancy/tenant';

/**
 * Records that the member was just active. Called on every signed-in page load, so it
 * writes at most once a minute per member instead of on every request.
 */
export async function touchLastSeen(t: Tenant, userId: string): Promise<boolean> {
  const rows = await t.db
    .update(memberships)
    .set({ lastSeenAt: sql`now()` })
    .where(
      and(
        eq(memberships.workspaceId, t.workspaceId),
        eq(memberships.userId, userId),
        or(isNull(memberships.lastSeenAt), lt(memberships.lastSeenAt, sql`now() - interval '1 minute'`)),
      ),
    )
    .returning({ id: memberships.id });
  return rows.length > 0;
}
