import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../client';
import { channels, contacts, conversations } from '../../schema';
import { inTriples, jsonRecords } from '../../sql/json-recordset';
import { executeNamed } from '../../sql/named-statement';
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
 * What the open statement answers per contact it upserted (none for an unknown channel): the
 * conversation it opened, or the open one the contact already had, locked.
 */
export type OpenRow = { contact_id: string; w: string; ch: string; ext: string; conversation_id: string | null; locked_id: string | null };

/**
 * Upserts the round's contacts, opens a conversation for each contact with none open, and
 * locks the open conversation of the others (in id order, as everywhere) before their
 * messages are added. A conversation inserted here is invisible to others until commit.
 */
export async function openOrLockConversations(tx: Tx, items: readonly Indexed[]): Promise<Placement[]> {
  return placeConversations(tx, items, await issueOpenConversations(tx, items));
}

/**
 * The first half: the upsert-and-open statement, issued now (eager) so a caller can pipeline it
 * behind its channel check. Items of a channel that does not exist (in this statement's
 * snapshot) get no row and nothing is written for them: the caller reports them unknown.
 */
export function issueOpenConversations(tx: Tx, items: readonly Indexed[]): Promise<{ rows: OpenRow[] }> {
  // One named statement (one round trip, planned once per connection, built without the
  // query builder's per-row placeholders): upsert the contacts, open a conversation for each
  // contact without an open one. The round holds each contact once (splitIntoRounds).
  return executeNamed<OpenRow>(tx, sql`
    with v as (select * from ${jsonRecords(
      items.map((i) => ({
        w: i.workspaceId,
        ch: i.channelId,
        ext: i.input.contact.externalId,
        name: i.input.contact.name ?? null,
        email: i.input.contact.email ?? null,
        preview: i.input.text.slice(0, 140),
      })),
      'v',
      'w uuid, ch uuid, ext text, name text, email text, preview text',
    )} v),
    c as (
      insert into ${contacts} (workspace_id, channel_id, external_id, name, email)
      select v.w, v.ch, v.ext, v.name, v.email from v
        join ${channels} ch on ch.workspace_id = v.w and ch.id = v.ch
      on conflict (workspace_id, channel_id, external_id)
      do update set name = coalesce(excluded.name, ${contacts}.name), email = coalesce(excluded.email, ${contacts}.email)
      returning id, workspace_id, channel_id, external_id),
    o as (
      -- Opened with its first message's activity (the message's created_at is this
      -- transaction's now() too): the round's write then updates only conversations that were
      -- open before — one row version, index entries and trigger calls fewer per new one.
      insert into ${conversations} (workspace_id, channel_id, contact_id, status, opened_by, last_incoming_at, last_message_preview)
      select c.workspace_id, c.channel_id, c.id, 'open'::conversation_status, 'contact'::opened_by, now(), v.preview
        from c join v on v.w = c.workspace_id and v.ch = c.channel_id and v.ext = c.external_id
      on conflict (workspace_id, channel_id, contact_id) where status = 'open' do nothing
      returning id, workspace_id, channel_id, contact_id),
    ex as (
      -- The open conversation each other contact had before this statement (the insert found
      -- it and did nothing), locked in id order once the insert is done — as the separate
      -- select did, a round trip later. One committed by another transaction while this
      -- statement ran is not in its snapshot: placeConversations locks it then.
      select cv.id, cv.workspace_id, cv.channel_id, cv.contact_id
        from ${conversations} cv
        join c on cv.workspace_id = c.workspace_id and cv.channel_id = c.channel_id and cv.contact_id = c.id
       where cv.status = 'open' and (select count(*) from o) >= 0
       order by cv.id
       for update of cv)
    select c.id as contact_id, c.workspace_id as w, c.channel_id as ch, c.external_id as ext, o.id as conversation_id, ex.id as locked_id
      from c
      left join o on o.workspace_id = c.workspace_id and o.channel_id = c.channel_id and o.contact_id = c.id
      left join ex on ex.workspace_id = c.workspace_id and ex.channel_id = c.channel_id and ex.contact_id = c.id`);
}

/**
 * The second half, for the items the statement upserted a contact for: their placements. The
 * statement opened or locked every conversation but one committed meanwhile by another
 * transaction, which one more statement locks (in id order).
 */
export async function placeConversations(tx: Tx, items: readonly Indexed[], res: { rows: OpenRow[] }): Promise<Placement[]> {
  const contactOf = new Map<string, string>(res.rows.map((c) => [`${c.w}|${c.ch}|${c.ext}`, c.contact_id]));
  const contactIdOf = (i: Indexed) => contactOf.get(contactKey(i))!;
  const convKey = (i: Indexed): string => `${i.workspaceId}|${i.channelId}|${contactIdOf(i)}`;
  const conversationOf = new Map<string, string>(
    res.rows.flatMap((c) => (c.conversation_id ? [[`${c.w}|${c.ch}|${c.contact_id}`, c.conversation_id] as const] : [])),
  );
  const openedKeys = new Set(conversationOf.keys());
  for (const c of res.rows)
    if (!c.conversation_id && c.locked_id) conversationOf.set(`${c.w}|${c.ch}|${c.contact_id}`, c.locked_id);
  // Only a contact whose open conversation was committed while the statement ran (or that has
  // none any more) is looked up again: in a new snapshot, locked in id order.
  const existing = items.filter((i) => !conversationOf.has(convKey(i)));
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
