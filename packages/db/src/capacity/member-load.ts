import { and, eq, sql } from 'drizzle-orm';
import { memberOpenCounts, memberships, workspaces } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { memberCapacitySql } from './member-capacity.sql';

export type MemberLoad = {
  userId: string;
  openCount: number;
  /** Effective capacity (member-capacity.sql.ts); null: unlimited. */
  capacity: number | null;
  /** Their own override (null: none). */
  capacityOverride: number | null;
};

/** Open conversations and capacity of every member (Team page, API, inbox warnings). */
export async function listMemberLoads(t: Tenant): Promise<MemberLoad[]> {
  return t.db
    .select({
      userId: memberships.userId,
      openCount: sql<number>`coalesce(${memberOpenCounts.openCount}, 0)`.mapWith(Number),
      capacity: memberCapacitySql(
        sql`${memberships.workspaceId}`,
        sql`${memberships.userId}`,
      ).mapWith((v) => (v === null ? null : Number(v))),
      capacityOverride: memberships.maxOpen,
    })
    .from(memberships)
    .leftJoin(
      memberOpenCounts,
      and(
        eq(memberOpenCounts.workspaceId, memberships.workspaceId),
        eq(memberOpenCounts.userId, memberships.userId),
      ),
    )
    .where(eq(memberships.workspaceId, t.workspaceId));
}

/** One member's load, or null when they are not a member. */
export async function getMemberLoad(t: Tenant, userId: string): Promise<MemberLoad | null> {
  const all = await listMemberLoads(t);
  return all.find((m) => m.userId === userId) ?? null;
}

/** The workspace's default capacity per agent (null: unlimited). */
export async function getWorkspaceCapacity(t: Tenant): Promise<number | null> {
  const [row] = await t.db
    .select({ v: workspaces.defaultMaxOpen })
    .from(workspaces)
    .where(eq(workspaces.id, t.workspaceId));
  return row?.v ?? null;
}
