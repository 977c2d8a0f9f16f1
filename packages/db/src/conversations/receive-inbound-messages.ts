import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Executor, Tx } from '../client';
import { commitWith, pipelinedTransaction } from '../batching/pipelined-transaction';
import {
  channels,
  contacts,
  conversationEvents,
  conversations,
  messages,
  outboxEvents,
  workflows,
} from '../schema';
import { toWorkspaceId } from '../tenancy/workspace-id';
import { notFound } from '../tenancy/errors';
import { inWorkspacePairs, jsonRecords, keyOf } from '../runs/batch/batch-keys';
import type { InboundMessage, InboundResult } from './receive-inbound-message';

export type InboundItem = { workspaceId: string; channelId: string; input: InboundMessage };
export type InboundOutcome = { ok: true; result: InboundResult } | { ok: false; error: Error };

/**
 * Customer messages of any workspaces and channels, stored in one transaction: per message
 * the same rows and events as one-by-one handling (contact upserted, conversation opened
 * when the contact has none open — or the open one locked —, the message stored once per
 * external id, conversation.opened / message.received outbox events), in about ten
 * statements per batch. One message's failure (unknown channel) is its own outcome and
 * does not fail the others.
 */
export function receiveInboundMessages(
  db: Executor,
  items: readonly InboundItem[],
): Promise<InboundOutcome[]> {
  for (const item of items) toWorkspaceId(item.workspaceId);
  if (items.length === 0) return Promise.resolve([]);
  return pipelinedTransaction(db, async (tx) => {
    const out: InboundOutcome[] = new Array(items.length);
    const known = await tx
      .select({
        workspaceId: channels.workspaceId,
        id: channels.id,
        // Whether a published workflow starts on every message (then each gets an event).
        // Qualified by hand: drizzle leaves columns of a single-table select unqualified.
        listens: sql<boolean>`exists (select 1 from ${workflows} w where w.workspace_id = channels.workspace_id and w.status = 'published' and w.trigger_event = 'message.received')`,
      })
      .from(channels)
      .where(
        inWorkspacePairs(
          channels.workspaceId,
          channels.id,
          items.map((i) => ({ workspaceId: i.workspaceId, id: i.channelId })),
        ),
      );
    const knownKeys = new Set(known.map((c) => keyOf(c.workspaceId, c.id)));
    const withTrigger = new Set(known.filter((c) => c.listens).map((c) => c.workspaceId));
    const indexed = items.map((item, index) => ({ ...item, index }));
    for (const item of indexed)
      if (!knownKeys.has(keyOf(item.workspaceId, item.channelId)))
        out[item.index] = { ok: false, error: notFound('Channel') };
    const accepted = indexed.filter((i) => !out[i.index]);
    const all = rounds(accepted);
    for (const [i, round] of all.entries()) await receiveRound(tx, round, out, withTrigger, i === all.length - 1);
    return out;
  });
}

type Indexed = InboundItem & { index: number };

const contactKey = (i: InboundItem) =>
  `${i.workspaceId}|${i.channelId}|${i.input.contact.externalId}`;
const messageKey = (i: InboundItem) =>
  i.input.externalId ? `${i.workspaceId}|${i.channelId}|${i.input.externalId}` : null;

/**
 * Splits a batch so no round has two messages of one contact or one external id: a
 * contact's second message must find the conversation its first one opened, in order.
 */
function rounds(items: readonly Indexed[]): Indexed[][] {
  const out: Indexed[][] = [];
  const last = new Map<string, number>();
  for (const item of items) {
    const keys = [contactKey(item), messageKey(item)].filter((k): k is string => k !== null);
    const r = Math.max(-1, ...keys.map((k) => last.get(k) ?? -1)) + 1;
    (out[r] ??= []).push(item);
    for (const k of keys) last.set(k, r);
  }
  return out;
}

function inTriples(
  a: AnyColumn,
  b: AnyColumn,
  c: AnyColumn,
  triples: ReadonlyArray<[string, string, string]>,
  third: 'text' | 'uuid' = 'text',
): SQL {
  const rows = triples.map(([w, ch, x]) => ({ w, ch, x }));
  return sql`(${a}, ${b}, ${c}) in (select k.w, k.ch, k.x from ${jsonRecords(rows, 'k', `w uuid, ch uuid, x ${third}`)} k)`;
}

async function duplicatesOf(tx: Tx, items: readonly Indexed[]) {
  const withIds = items.filter((i) => i.input.externalId);
  if (withIds.length === 0)
    return new Map<string, { id: string; conversationId: string; contactId: string }>();
  const seen = await tx
    .select({
      workspaceId: messages.workspaceId,
      channelId: messages.channelId,
      externalId: messages.externalId,
      id: messages.id,
      conversationId: messages.conversationId,
      contactId: conversations.contactId,
    })
    .from(messages)
    .innerJoin(
      conversations,
      and(
        eq(conversations.workspaceId, messages.workspaceId),
        eq(conversations.id, messages.conversationId),
      ),
    )
    .where(
      inTriples(
        messages.workspaceId,
        messages.channelId,
        messages.externalId,
        withIds.map((i) => [i.workspaceId, i.channelId, i.input.externalId!]),
      ),
    );
  return new Map(seen.map((s) => [`${s.workspaceId}|${s.channelId}|${s.externalId}`, s]));
}

const duplicate = (seen: {
  id: string;
  conversationId: string;
  contactId: string;
}): InboundOutcome => ({
  ok: true,
  result: {
    conversationId: seen.conversationId,
    contactId: seen.contactId,
    messageId: seen.id,
    openedConversation: false,
    duplicate: true,
    outboxEventIds: [],
  },
});

async function receiveRound(
  tx: Tx,
  round: Indexed[],
  out: InboundOutcome[],
  withTrigger: Set<string>,
  /** The transaction's last round: its COMMIT may leave with the round's last write. */
  last: boolean,
): Promise<void> {
  const seen = await duplicatesOf(tx, round);
  const fresh: Indexed[] = [];
  for (const item of round) {
    const s = messageKey(item) ? seen.get(messageKey(item)!) : undefined;
    if (s) out[item.index] = duplicate(s);
    else fresh.push(item);
  }
  if (fresh.length === 0) return;

  const contactRows = await tx
    .insert(contacts)
    .values(
      fresh.map((i) => ({
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
  const convKey = (i: Indexed) => `${i.workspaceId}|${i.channelId}|${contactOf.get(contactKey(i))}`;

  const opened = await tx
    .insert(conversations)
    .values(
      fresh.map((i) => ({
        workspaceId: i.workspaceId,
        channelId: i.channelId,
        contactId: contactOf.get(contactKey(i))!,
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
  const existing = fresh.filter((i) => !openedKeys.has(convKey(i)));
  if (existing.length) {
    // A conversation inserted above is invisible to others until commit; an existing one
    // is locked (in id order, as everywhere) before its message is added.
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
            existing.map((i) => [i.workspaceId, i.channelId, contactOf.get(contactKey(i))!]),
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
  const placed: Array<Indexed & { conversationId: string; messageId: string; opened: boolean }> =
    [];
  for (const item of fresh) {
    const conversationId = conversationOf.get(convKey(item));
    if (!conversationId)
      out[item.index] = {
        ok: false,
        error: new Error('open conversation vanished between insert and select'),
      };
    else
      placed.push({
        ...item,
        conversationId,
        messageId: randomUUID(),
        opened: openedKeys.has(convKey(item)),
      });
  }
  if (placed.length === 0) return;

  const outboxIds = new Map(
    placed.map((p) => [
      p.messageId,
      {
        opened: p.opened ? (randomUUID() as string) : null,
        received: withTrigger.has(p.workspaceId) ? (randomUUID() as string) : null,
      },
    ]),
  );
  const rows = placed.map((p) => ({
    mid: p.messageId,
    w: p.workspaceId,
    conv: p.conversationId,
    ch: p.channelId,
    text: p.input.text,
    ext: p.input.externalId ?? null,
    preview: p.input.text.slice(0, 140),
    opened: p.opened,
    ev_open: outboxIds.get(p.messageId)!.opened,
    ev_msg: outboxIds.get(p.messageId)!.received,
  }));
  // One statement: the messages, and — for those not lost to a concurrent delivery of the
  // same external id — the conversation's last activity, its opened event and the outbox.
  const pending = tx.execute<{ kept: string[] | null }>(sql`
    with v as (
      select * from ${jsonRecords(
        rows,
        'v',
        `mid uuid, w uuid, conv uuid, ch uuid, text text, ext text,
                                              preview text, opened boolean, ev_open uuid, ev_msg uuid`,
      )} v),
    ins as (
      insert into ${messages} (id, workspace_id, conversation_id, channel_id, direction, text, external_id)
      select mid, w, conv, ch, 'incoming'::message_direction, text, ext from v
      on conflict do nothing
      returning id, created_at),
    kept as (select v.*, ins.created_at from v join ins on ins.id = v.mid),
    touched as (
      update ${conversations} c
         set last_incoming_at = k.created_at, last_activity_at = k.created_at, last_message_preview = k.preview
        from kept k where c.workspace_id = k.w and c.id = k.conv
      returning 1),
    opened as (
      insert into ${conversationEvents} (workspace_id, conversation_id, type, actor_type)
      select w, conv, 'opened'::conversation_event_type, 'contact'::actor_type from kept where opened
      on conflict do nothing
      returning 1),
    outbox as (
      insert into ${outboxEvents} (id, workspace_id, type, conversation_id, source, payload)
      select ev_open, w, 'conversation.opened'::outbox_event_type, conv, 'contact'::opened_by, '{}'::jsonb from kept where ev_open is not null
      union all
      select ev_msg, w, 'message.received'::outbox_event_type, conv, 'contact'::opened_by, jsonb_build_object('messageId', mid) from kept where ev_msg is not null
      returning 1)
    select (select array_agg(id) from ins) as kept,
           (select count(*) from touched) + (select count(*) from opened) + (select count(*) from outbox) as written`);
  // In the last round nothing else is written, so the COMMIT leaves with this statement. The
  // one read that may follow (a concurrent delivery's winning message) reads committed rows.
  const res = last ? await commitWith(tx, pending) : await pending;
  const storedIds = new Set(res.rows[0]?.kept ?? []);
  // A concurrent delivery of the same external id won the insert: acknowledge theirs.
  const lost = placed.filter((p) => !storedIds.has(p.messageId));
  if (lost.length) {
    const winners = await duplicatesOf(tx, lost);
    for (const p of lost) out[p.index] = duplicate(winners.get(messageKey(p)!)!);
  }
  const kept = placed.filter((p) => storedIds.has(p.messageId));
  for (const p of kept) {
    const ids = outboxIds.get(p.messageId)!;
    out[p.index] = {
      ok: true,
      result: {
        conversationId: p.conversationId,
        contactId: contactOf.get(contactKey(p))!,
        messageId: p.messageId,
        openedConversation: p.opened,
        duplicate: false,
        outboxEventIds: [ids.opened, ids.received].filter((id): id is string => id !== null),
      },
    };
  }
}
