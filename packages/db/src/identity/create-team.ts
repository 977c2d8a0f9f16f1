import { teams } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { isUniqueViolation } from './unique-violation';

/** A new, empty team. Team names are unique within a workspace. */
export async function createTeam(t: Tenant, name: string): Promise<{ id: string; name: string }> {
  try {
    const [row] = await t.db
      .insert(teams)
      .values({ workspaceId: t.workspaceId, name: name.trim() })
      .returning({ id: teams.id, name: teams.name });
    return row!;
  } catch (error) {
    if (isUniqueViolation(error, 'teams_workspace_name_unique')) {
      throw new DomainError('conflict', `A team called "${name.trim()}" already exists`, { field: 'name' });
    }
    throw error;
  }
}
