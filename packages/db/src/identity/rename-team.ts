import { and, eq } from 'drizzle-orm';
import { teams } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { isUniqueViolation } from './unique-violation';
import { requireUuid } from './require-uuid';

export async function renameTeam(t: Tenant, teamId: string, name: string): Promise<{ id: string; name: string }> {
  requireUuid(teamId, 'Team');
  try {
    const [row] = await t.db
      .update(teams)
      .set({ name: name.trim() })
      .where(and(eq(teams.workspaceId, t.workspaceId), eq(teams.id, teamId)))
      .returning({ id: teams.id, name: teams.name });
    if (!row) throw new DomainError('not_found', 'Team not found');
    return row;
  } catch (error) {
    if (isUniqueViolation(error, 'teams_workspace_name_unique')) {
      throw new DomainError('conflict', `A team called "${name.trim()}" already exists`, { field: 'name' });
    }
    throw error;
  }
}
