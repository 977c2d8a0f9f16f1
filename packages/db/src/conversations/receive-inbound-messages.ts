import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Database, Executor, Tx } from '../client';
import { channels, contacts, conversationEvents, conversations, messages, outboxEvents, workflows } from '../schema';
import { toWorkspaceId } from '../tenancy/workspace-id';
import { notFound } from '../tenancy/errors';
import { inWorkspacePairs, keyOf } from '../runs/batch/batch-keys';
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
export function receiveInboundMessages(db: Executor, items: readonly InboundItem[]): Promise<InboundOutcome[]> {
  for (const item of items) toWorkspaceId(item.workspaceId);
  if (items.length === 0) return Promise.resolve([]);
  return (db as Database).transaction(async (tx) => {
    const out: InboundOutcome[] = new Array(items.length);
    const known = await tx
      .select({ workspaceId: channels.workspaceId, id: channels.id })
      .from(channels)
      .where(inWorkspacePairs(channels.workspaceId, channels.id, items.map((i) => ({ workspaceId: i.workspaceId, id: i.channelId }))));
    const knownKeys = new Set(known.map((c) => keyOf(c.workspaceId, c.id)));
    const indexed = items.map((item, index) => ({ ...item, index }));
    for (const item of indexed)
      if (!knownKeys.has(keyOf(item.workspaceId, item.channelId))) out[item.index] = { ok: false, error: notFound('Channel') };
    const accepted = indexed.filter((i) => !out[i.index]);
    const withTrigger = await workspacesWithMessageTrigger(tx, accepted.map((i) => i.workspaceId));
    for (const round of rounds(accepted)) await receiveRound(tx, round, out, withTrigger);
    return out;
  });
}

type Indexed = InboundItem & { index: number };

const contactKey = (i: InboundItem) => `${i.workspaceId}|${i.channelId}|${i.input.contact.externalId}`;
const messageKey = (i: InboundItem) => (i.input.externalId ? `${i.workspaceId}|${i.channelId}|${i.input.externalId}` : null);

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

function inTriples(a: AnyColumn, b: AnyColumn, c: AnyColumn, triples: ReadonlyArray<[string, string, string]>, third: 'text' | 'uuid' = 'text'): SQL {
  const json = JSON.stringify(triples.map(([w, ch, x]) => ({ w, ch, x })));
  return sql`(${a}, ${b}, ${c}) in (select k.w, k.ch, k.x from jsonb_to_recordset(${json}::jsonb) as k(w uuid, ch uuid, x ${sql.raw(third)}))`;
}

async function workspacesWithMessageTrigger(tx: Tx, workspaceIds: readonly string[]): Promise<Set<string>> {
  if (workspaceIds.length === 0) return new Set();
  const rows = await tx
    .selectDistinct({ workspaceId: workflows.workspaceId })
    .from(workflows)
    .where(
      and(
        inArray(workflows.workspaceId, [...new Set(workspaceIds)]),
        eq(workflows.status, 'published'),
        eq(workflows.triggerEvent, 'message.received'),
      ),
    );
  return new Set(rows.map((r) => r.workspaceId));
}

async function duplicatesOf(tx: Tx, items: readonly Indexed[]) {
  const withIds = items.filter((i) => i.input.externalId);
  if (withIds.length === 0) return new Map<string, { id: string; conversationId: string; contactId: string }>();
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
    .innerJoin(conversations, and(eq(conversations.workspaceId, messages.workspaceId), eq(conversations.id, messages.conversationId)))
    .where(inTriples(messages.workspaceId, messages.channelId, messages.externalId, withIds.map((i) => [i.workspaceId, i.channelId, i.input.externalId!])));
  return new Map(seen.map((s) => [`${s.workspaceId}|${s.channelId}|${s.externalId}`, s]));
}

const duplicate = (seen: { id: string; conversationId: string; contactId: string }): InboundOutcome => ({
  ok: true,
  result: { conversationId: seen.conversationId, contactId: seen.contactId, messageId: seen.id, openedConversation: false, duplicate: true, outboxEventIds: [] },
});

async function receiveRound(tx: Tx, round: Indexed[], out: InboundOutcome[], withTrigger: Set<string>): Promise<void> {
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
    .returning({ id: contacts.id, workspaceId: contacts.workspaceId, channelId: contacts.channelId, externalId: contacts.externalId });
  const contactOf = new Map(contactRows.map((c) => [`${c.workspaceId}|${c.channelId}|${c.externalId}`, c.id]));
  const convKey = (i: Indexed) => `${i.workspaceId}|${i.channelId}|${contactOf.get(contactKey(i))}`;

  const opened = await tx
    .insert(conversations)
    .values(fresh.map((i) => ({ workspaceId: i.workspaceId, channelId: i.channelId, contactId: contactOf.get(contactKey(i))!, status: 'open' as const, openedBy: 'contact' as const })))
    .onConflictDoNothing({
      target: [conversations.workspaceId, conversations.channelId, conversations.contactId],
      where: sql`status = 'open'`,
    })
    .returning({ id: conversations.id, workspaceId: conversations.workspaceId, channelId: conversations.channelId, contactId: conversations.contactId });
  const conversationOf = new Map(opened.map((c) => [`${c.workspaceId}|${c.channelId}|${c.contactId}`, c.id]));
  const openedKeys = new Set(conversationOf.keys());
  const existing = fresh.filter((i) => !openedKeys.has(convKey(i)));
  if (existing.length) {
    // A conversation inserted above is invisible to others until commit; an existing one
    // is locked (in id order, as everywhere) before its message is added.
    const rows = await tx
      .select({ id: conversations.id, workspaceId: conversations.workspaceId, channelId: conversations.channelId, contactId: conversations.contactId })
      .from(conversations)
      .where(
        and(
          inTriples(conversations.workspaceId, conversations.channelId, conversations.contactId, existing.map((i) => [i.workspaceId, i.channelId, contactOf.get(contactKey(i))!]), 'uuid'),
          eq(conversations.status, 'open'),
        ),
      )
      .orderBy(asc(conversations.id))
      .for('update');
    for (const r of rows) conversationOf.set(`${r.workspaceId}|${r.channelId}|${r.contactId}`, r.id);
  }
  const placed: Array<Indexed & { conversationId: string; messageId: string; opened: boolean }> = [];
  for (const item of fresh) {
    const conversationId = conversationOf.get(convKey(item));
    if (!conversationId) out[item.index] = { ok: false, error: new Error('open conversation vanished between insert and select') };
    else placed.push({ ...item, conversationId, messageId: randomUUID(), opened: openedKeys.has(convKey(item)) });
  }
  if (placed.length === 0) return;

  const stored = await tx
    .insert(messages)
    .values(
      placed.map((p) => ({
        id: p.messageId,
        workspaceId: p.workspaceId,
        conversationId: p.conversationId,
        channelId: p.channelId,
        direction: 'incoming' as const,
        text: p.input.text,
        externalId: p.input.externalId ?? null,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: messages.id, createdAt: messages.createdAt });
  const storedAt = new Map(stored.map((m) => [m.id, m.createdAt]));
  // A concurrent delivery of the same external id won the insert: acknowledge theirs.
  const lost = placed.filter((p) => !storedAt.has(p.messageId));
  if (lost.length) {
    const winners = await duplicatesOf(tx, lost);
    for (const p of lost) out[p.index] = duplicate(winners.get(messageKey(p)!)!);
  }
  const kept = placed.filter((p) => storedAt.has(p.messageId));
  if (kept.length === 0) return;

  const json = JSON.stringify(
    kept.map((p) => ({ w: p.workspaceId, id: p.conversationId, at: storedAt.get(p.messageId)!.toISOString(), preview: p.input.text.slice(0, 140) })),
  );
  await tx.execute(sql`
    update conversations c
       set last_incoming_at = v.at, last_activity_at = v.at, last_message_preview = v.preview
      from jsonb_to_recordset(${json}::jsonb) as v(w uuid, id uuid, at timestamptz, preview text)
     where c.workspace_id = v.w and c.id = v.id`);

  const newlyOpened = kept.filter((p) => p.opened);
  if (newlyOpened.length)
    await tx
      .insert(conversationEvents)
      .values(newlyOpened.map((p) => ({ workspaceId: p.workspaceId, conversationId: p.conversationId, type: 'opened' as const, actorType: 'contact' as const })))
      .onConflictDoNothing();

  const outbox: Array<typeof outboxEvents.$inferInsert & { id: string }> = [];
  for (const p of kept) {
    const ids: string[] = [];
    if (p.opened) {
      ids.push(randomUUID());
      outbox.push({ id: ids.at(-1)!, workspaceId: p.workspaceId, type: 'conversation.opened', conversationId: p.conversationId, source: 'contact', payload: {} });
    }
    if (withTrigger.has(p.workspaceId)) {
      ids.push(randomUUID());
      outbox.push({ id: ids.at(-1)!, workspaceId: p.workspaceId, type: 'message.received', conversationId: p.conversationId, source: 'contact', payload: { messageId: p.messageId } });
    }
    out[p.index] = {
      ok: true,
      result: {
        conversationId: p.conversationId,
        contactId: contactOf.get(contactKey(p))!,
        messageId: p.messageId,
        openedConversation: p.opened,
        duplicate: false,
        outboxEventIds: ids,
      },
    };
  }
  if (outbox.length) await tx.insert(outboxEvents).values(outbox);
}
