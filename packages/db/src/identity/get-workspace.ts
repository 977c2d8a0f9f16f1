import { eq } from 'drizzle-orm';
import { workspaces } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';

export async function getWorkspace(t: Tenant): Promise<{ id: string; name: string; createdAt: Date }> {
  const [row] = await t.db
    .select({ id: workspaces.id, name: workspaces.name, createdAt: workspaces.createdAt })
    .from(workspaces)
    .where(eq(workspaces.id, t.workspaceId));
  if (!row) throw new DomainError('not_found', 'Workspace not found');
  return row;
}
