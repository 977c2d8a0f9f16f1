import { asc, eq } from 'drizzle-orm';
import type { ContactFieldDefinition } from '@baton/engine';
import { contactFieldDefinitions, tagDefinitions } from '../schema';
import type { Tenant } from '../tenancy/tenant';

export type ContactDefinitions = { fields: ContactFieldDefinition[]; tags: string[] };

/** The workspace's contact fields and tags: what API input, the inbox panel and workflows are checked against. */
export async function loadContactDefinitions(t: Tenant): Promise<ContactDefinitions> {
  // Sequential: `t.db` may be a transaction (one connection).
  const fields = await t.db
    .select({ key: contactFieldDefinitions.key, label: contactFieldDefinitions.label, type: contactFieldDefinitions.type, options: contactFieldDefinitions.options })
    .from(contactFieldDefinitions)
    .where(eq(contactFieldDefinitions.workspaceId, t.workspaceId))
    .orderBy(asc(contactFieldDefinitions.createdAt), asc(contactFieldDefinitions.key));
  const tags = await t.db
    .select({ name: tagDefinitions.name })
    .from(tagDefinitions)
    .where(eq(tagDefinitions.workspaceId, t.workspaceId))
    .orderBy(asc(tagDefinitions.name));
  return { fields, tags: tags.map((r) => r.name) };
}
