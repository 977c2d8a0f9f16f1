import { asc, eq, sql } from 'drizzle-orm';
import { memberships, users } from '../schema';
import type { TenantTx } from '../tenancy/tenant';
import type { WorkspaceMember } from '../runs/batch/load-batch-world';
import { memberCapacitySql } from './member-capacity.sql';

/** The workspace's members as assigners see them: name, availability, skills and capacity (membership order). */
export async function loadAssignableMembers(tx: TenantTx): Promise<WorkspaceMember[]> {
  return tx.db
    .select({
      id: memberships.userId,
      name: users.name,
      availability: memberships.availability,
      skills: memberships.skills,
      capacity: memberCapacitySql(sql`${memberships.workspaceId}`, sql`${memberships.userId}`).mapWith((v) => (v === null ? null : Number(v))),
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, tx.workspaceId))
    .orderBy(asc(memberships.createdAt), asc(memberships.userId));
}
