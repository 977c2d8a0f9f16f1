import { eq } from 'drizzle-orm';
import { workspaces } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';

export async function renameWorkspace(t: Tenant, name: string): Promise<{ id: string; name: string }> {
  const [row] = await t.db
    .update(workspaces)
    .set({ name: name.trim() })
    .where(eq(workspaces.id, t.workspaceId))
    .returning({ id: workspaces.id, name: workspaces.name });
  if (!row) throw new DomainError('not_found', 'Workspace not found');
  return row;
}
