import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { memberships, workspaces } from '../schema';
import { toWorkspaceId, type WorkspaceId } from '../tenancy/workspace-id';
import type { Availability, Role } from './roles';

export type UserWorkspace = {
  workspaceId: WorkspaceId;
  name: string;
  role: Role;
  availability: Availability;
};

/** Every workspace this user belongs to, oldest membership first (the default one). */
export async function listUserWorkspaces(db: Executor, userId: string): Promise<UserWorkspace[]> {
  const rows = await db
    .select({
      workspaceId: memberships.workspaceId,
      name: workspaces.name,
      role: memberships.role,
      availability: memberships.availability,
    })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(workspaces.name));
  return rows.map((r) => ({ ...r, workspaceId: toWorkspaceId(r.workspaceId) }));
}
