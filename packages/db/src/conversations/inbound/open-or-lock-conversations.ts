import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../client';
import { contacts, conversations } from '../../schema';
import { inTriples } from '../../sql/json-recordset';
import { contactKey, type Indexed } from './inbound-message';

export type Placement = {
  item: Indexed;
  contactId: string;
  /** Undefined only if the open conversation vanished between insert and select. */
  conversationId: string | undefined;
  /** This message opened the conversation. */
  opened: boolean;
};

/**
 * Upserts the round's contacts, opens a conversation for each contact with none open, and
 * locks the open conversation of the others (in id order, as everywhere) before their
 * messages are added. A conversation inserted here is invisible to others until commit.
 */
export async function openOrLockConversations(tx: Tx, items: readonly Indexed[]): Promise<Placement[]> {
  const contactRows = await tx
    .insert(contacts)
    .values(
      items.map((i) => ({
        workspaceId: i.workspaceId,
        channelId: i.channelId,
        externalId: i.input.contact.externalId,
        name: i.input.contact.name ?? null,
        email: i.input.contact.email ?? null,
      })),
    )
    .onConflictDoUpdate({
      target: [contacts.workspaceId, contacts.channelId, contacts.externalId],
      set: {
        name: sql`coalesce(excluded.name, ${contacts.name})`,
        email: sql`coalesce(excluded.email, ${contacts.email})`,
      },
    })
    .returning({
      id: contacts.id,
      workspaceId: contacts.workspaceId,
      channelId: contacts.channelId,
      externalId: contacts.externalId,
    });
  const contactOf = new Map(
    contactRows.map((c) => [`${c.workspaceId}|${c.channelId}|${c.externalId}`, c.id]),
  );
  const contactIdOf = (i: Indexed) => contactOf.get(contactKey(i))!;
  const convKey = (i: Indexed) => `${i.workspaceId}|${i.channelId}|${contactIdOf(i)}`;

  const opened = await tx
    .insert(conversations)
    .values(
      items.map((i) => ({
        workspaceId: i.workspaceId,
        channelId: i.channelId,
        contactId: contactIdOf(i),
        status: 'open' as const,
        openedBy: 'contact' as const,
      })),
    )
    .onConflictDoNothing({
      target: [conversations.workspaceId, conversations.channelId, conversations.contactId],
      where: sql`status = 'open'`,
    })
    .returning({
      id: conversations.id,
      workspaceId: conversations.workspaceId,
      channelId: conversations.channelId,
      contactId: conversations.contactId,
    });
  const conversationOf = new Map(
    opened.map((c) => [`${c.workspaceId}|${c.channelId}|${c.contactId}`, c.id]),
  );
  const openedKeys = new Set(conversationOf.keys());
  const existing = items.filter((i) => !openedKeys.has(convKey(i)));
  if (existing.length) {
    const rows = await tx
      .select({
        id: conversations.id,
        workspaceId: conversations.workspaceId,
        channelId: conversations.channelId,
        contactId: conversations.contactId,
      })
      .from(conversations)
      .where(
        and(
          inTriples(
            conversations.workspaceId,
            conversations.channelId,
            conversations.contactId,
            existing.map((i) => [i.workspaceId, i.channelId, contactIdOf(i)]),
            'uuid',
          ),
          eq(conversations.status, 'open'),
        ),
      )
      .orderBy(asc(conversations.id))
      .for('update');
    for (const r of rows)
      conversationOf.set(`${r.workspaceId}|${r.channelId}|${r.contactId}`, r.id);
  }
  return items.map((item) => ({
    item,
    contactId: contactIdOf(item),
    conversationId: conversationOf.get(convKey(item)),
    opened: openedKeys.has(convKey(item)),
  }));
}
