import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { memberships } from '../schema';

/**
 * Cross-tenant by design (a worker sweep): members still "online" with no sign of life for
 * idleMs become "away", so "online only" assignments stop picking someone who walked off.
 * Someone who never showed up counts from when they went online.
 */
export async function markIdleMembersAway(db: Executor, idleMs: number): Promise<{ workspaceId: string; userId: string }[]> {
  const cutoff = sql`now() - make_interval(secs => ${idleMs / 1000})`;
  return db
    .update(memberships)
    .set({ availability: 'away', availabilityChangedAt: sql`now()` })
    .where(
      and(
        eq(memberships.availability, 'online'),
        lt(memberships.availabilityChangedAt, cutoff),
        or(isNull(memberships.lastSeenAt), lt(memberships.lastSeenAt, cutoff)),
      ),
    )
    .returning({ workspaceId: memberships.workspaceId, userId: memberships.userId });
}
