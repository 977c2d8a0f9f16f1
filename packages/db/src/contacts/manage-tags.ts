import { and, eq } from 'drizzle-orm';
import { tagNameSchema } from '@baton/engine';
import { tagDefinitions } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { DomainError, notFound } from '../tenancy/errors';
import { isUniqueViolation } from '../identity/unique-violation';

export async function createTag(t: Tenant, name: string): Promise<string> {
  const parsed = tagNameSchema.parse(name);
  try {
    await t.db.insert(tagDefinitions).values({ workspaceId: t.workspaceId, name: parsed });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('conflict', `The tag "${parsed}" already exists`, { field: 'name' });
    throw error;
  }
  return parsed;
}

/** Contacts keep the tag (and branches on it keep working); it just can't be added any more. */
export async function deleteTag(t: Tenant, name: string): Promise<void> {
  const rows = await t.db
    .delete(tagDefinitions)
    .where(and(eq(tagDefinitions.workspaceId, t.workspaceId), eq(tagDefinitions.name, name)))
    .returning({ id: tagDefinitions.id });
  if (rows.length === 0) throw notFound('Tag');
}
