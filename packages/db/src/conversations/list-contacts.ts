import { and, eq } from 'drizzle-orm';
import { contacts } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { keysetAfter, keysetOrder, sortKeyText, toPage, type PageRequest } from '../pagination/keyset';

export type ContactFilters = { channelId?: string; externalId?: string; email?: string };

/** The workspace's contacts, newest first, keyset-paged on (created_at, id). */
export async function listContacts(t: Tenant, filters: ContactFilters, page: PageRequest) {
  const rows = await t.db
    .select({
      id: contacts.id,
      channelId: contacts.channelId,
      externalId: contacts.externalId,
      name: contacts.name,
      email: contacts.email,
      fields: contacts.fields,
      tags: contacts.tags,
      createdAt: contacts.createdAt,
      sortKey: sortKeyText(contacts.createdAt),
    })
    .from(contacts)
    .where(
      and(
        eq(contacts.workspaceId, t.workspaceId),
        filters.channelId ? eq(contacts.channelId, filters.channelId) : undefined,
        filters.externalId ? eq(contacts.externalId, filters.externalId) : undefined,
        filters.email ? eq(contacts.email, filters.email) : undefined,
        keysetAfter(contacts.createdAt, contacts.id, 'desc', page.after),
      ),
    )
    .orderBy(...keysetOrder(contacts.createdAt, contacts.id, 'desc'))
    .limit(page.limit + 1);
  return toPage(rows, page.limit);
}
