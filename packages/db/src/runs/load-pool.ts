import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Candidate, Pool, PoolKey } from '@baton/engine';
import { assignmentCursors, memberOpenCounts, memberships, teamMembers, users } from '../schema';
import type { TenantTx } from '../tenancy/tenant';

/**
 * Loads an assignment pool and locks its round-robin cursor row for the rest of the
 * transaction, so concurrent assignments to one pool are decided one after another on
 * fresh open counts — never two assigners picking the same "next" agent.
 */
export async function loadPool(tx: TenantTx, key: PoolKey): Promise<Pool> {
  const members = await loadMembers(tx, key);
  if (key.startsWith('user:'))
    return { key, candidates: await withOpenCounts(tx, members), cursorUserId: null };
  await tx.db
    .insert(assignmentCursors)
    .values({ workspaceId: tx.workspaceId, poolKey: key })
    .onConflictDoNothing();
  const [cursor] = await tx.db
    .select({ lastUserId: assignmentCursors.lastUserId })
    .from(assignmentCursors)
    .where(
      and(eq(assignmentCursors.workspaceId, tx.workspaceId), eq(assignmentCursors.poolKey, key)),
    )
    .for('update');

  return {
    key,
    candidates: await withOpenCounts(tx, members),
    cursorUserId: cursor?.lastUserId ?? null,
  };
}

type Member = { userId: string; name: string; availability: Candidate['availability'] };

async function withOpenCounts(tx: TenantTx, members: Member[]): Promise<Candidate[]> {
  // Kept by a trigger on conversations (migration 0007): one row per member, not a count.
  const counts = members.length
    ? await tx.db
        .select({ userId: memberOpenCounts.userId, n: memberOpenCounts.openCount })
        .from(memberOpenCounts)
        .where(
          and(
            eq(memberOpenCounts.workspaceId, tx.workspaceId),
            inArray(
              memberOpenCounts.userId,
              members.map((m) => m.userId),
            ),
          ),
        )
    : [];
  const openBy = new Map(counts.map((c) => [c.userId, c.n]));
  return members.map((m) => ({
    userId: m.userId,
    name: m.name,
    availability: m.availability,
    openCount: openBy.get(m.userId) ?? 0,
    inPool: true,
  }));
}

async function loadMembers(tx: TenantTx, key: PoolKey): Promise<Member[]> {
  const base = {
    userId: memberships.userId,
    name: users.name,
    availability: memberships.availability,
  };
  if (key.startsWith('team:')) {
    const teamId = key.slice('team:'.length);
    // Rotation order = the order people joined the team: stable across calls.
    return tx.db
      .select(base)
      .from(teamMembers)
      .innerJoin(
        memberships,
        and(
          eq(memberships.workspaceId, teamMembers.workspaceId),
          eq(memberships.userId, teamMembers.userId),
        ),
      )
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(and(eq(teamMembers.workspaceId, tx.workspaceId), eq(teamMembers.teamId, teamId)))
      .orderBy(asc(teamMembers.createdAt), asc(teamMembers.userId));
  }
  const query = tx.db
    .select(base)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId));
  if (key.startsWith('user:')) {
    return query.where(
      and(
        eq(memberships.workspaceId, tx.workspaceId),
        eq(memberships.userId, key.slice('user:'.length)),
      ),
    );
  }
  return query
    .where(eq(memberships.workspaceId, tx.workspaceId))
    .orderBy(asc(memberships.createdAt), asc(memberships.userId));
}
