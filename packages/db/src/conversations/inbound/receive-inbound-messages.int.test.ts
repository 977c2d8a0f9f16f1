import { afterAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { roundRobinOnlineOnly } from '@baton/engine';
import { testDatabase, createTestWorkspace } from '../../testing';
import { tenant } from '../../tenancy/tenant';
import { createWorkflow } from '../../workflows/create-workflow';
import { publishWorkflow } from '../../workflows/publish-workflow';
import { contacts, conversationEvents, conversations, messages, outboxEvents } from '../../schema';
import { receiveInboundMessages, type InboundItem } from './receive-inbound-messages';
import { receiveInboundMessage } from './receive-inbound-message';
import { openOrLockConversations } from './open-or-lock-conversations';

const handle = testDatabase(5);
afterAll(() => handle.close());

const members = [{ name: 'Admin', role: 'admin' as const }, { name: 'A1' }];

describe('receiveInboundMessages: a batch of customer messages in one transaction', () => {
  it('per message, the same rows as one by one — across workspaces, repeat contacts and repeat external ids', async () => {
    const a = await createTestWorkspace(handle.db, { members, teams: { Sales: ['A1'] } });
    const b = await createTestWorkspace(handle.db, { members, teams: { Sales: ['A1'] } });
    // b also starts workflows on every message: its messages get a message.received event.
    const { id } = await createWorkflow(
      tenant(handle.db, b.workspaceId),
      { name: 'On message', definition: { ...roundRobinOnlineOnly({ teamId: b.teams.Sales! }), trigger: { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, config: { event: 'message.received', conditions: [] } } } as never },
      null,
    );
    await publishWorkflow(tenant(handle.db, b.workspaceId), id, null);
    // A contact of a that already has an open conversation.
    const before = await receiveInboundMessage(tenant(handle.db, a.workspaceId), a.channelId, { contact: { externalId: 'old' }, text: 'earlier' });

    const msg = (ws: typeof a, contact: string, text: string, externalId?: string): InboundItem => ({
      workspaceId: ws.workspaceId,
      channelId: ws.channelId,
      input: { contact: { externalId: contact, name: `N ${contact}` }, text, ...(externalId ? { externalId } : {}) },
    });
    const items: InboundItem[] = [
      msg(a, 'c1', 'first'),
      msg(b, 'c1', 'other workspace, same contact id'),
      msg(a, 'c1', 'second from c1'),
      msg(a, 'old', 'back again'),
      msg(a, 'c2', 'with id', 'x-1'),
      msg(a, 'c2', 'retry of x-1', 'x-1'),
      { workspaceId: a.workspaceId, channelId: b.channelId, input: { contact: { externalId: 'c3' }, text: 'channel of another workspace' } },
    ];
    const out = await receiveInboundMessages(handle.db, items);

    const ok = out.map((o) => (o.ok ? o.result : null));
    expect(ok[0]!.openedConversation).toBe(true);
    expect(ok[1]!.openedConversation).toBe(true);
    expect(ok[1]!.conversationId).not.toBe(ok[0]!.conversationId);
    // The contact's second message lands in the conversation its first one opened.
    expect(ok[2]!).toMatchObject({ conversationId: ok[0]!.conversationId, contactId: ok[0]!.contactId, openedConversation: false, duplicate: false });
    expect(ok[3]!).toMatchObject({ conversationId: before.conversationId, openedConversation: false, duplicate: false });
    expect(ok[5]!).toMatchObject({ duplicate: true, messageId: ok[4]!.messageId, conversationId: ok[4]!.conversationId });
    // Another workspace's channel is not found — and only that message fails.
    expect(out[6]!.ok).toBe(false);
    expect(!out[6]!.ok && out[6]!.error.message).toMatch(/Channel/);

    // Outbox: opened for new conversations; message.received only where a workflow listens.
    const events = await handle.db.select().from(outboxEvents).where(inArray(outboxEvents.id, ok.flatMap((r) => r?.outboxEventIds ?? [])));
    const types = (i: number) => ok[i]!.outboxEventIds.map((e) => events.find((x) => x.id === e)!.type);
    expect(types(0)).toEqual(['conversation.opened']);
    expect(types(1)).toEqual(['conversation.opened', 'message.received']);
    expect(types(2)).toEqual([]);
    expect(types(5)).toEqual([]);

    const conv = await handle.db.select().from(conversations).where(eq(conversations.id, ok[0]!.conversationId));
    expect(conv[0]!.lastMessagePreview).toBe('second from c1');
    // A conversation opened by its one message carries that message's activity from its insert.
    const [fresh] = await handle.db.select().from(conversations).where(eq(conversations.id, ok[1]!.conversationId));
    const [first] = await handle.db.select().from(messages).where(eq(messages.id, ok[1]!.messageId));
    expect(fresh!.lastMessagePreview).toBe('other workspace, same contact id');
    expect(fresh!.lastIncomingAt?.getTime()).toBe(first!.createdAt.getTime());
    expect(fresh!.lastActivityAt.getTime()).toBe(first!.createdAt.getTime());
    const stored = await handle.db.select().from(messages).where(and(eq(messages.workspaceId, a.workspaceId), eq(messages.conversationId, ok[4]!.conversationId)));
    expect(stored).toHaveLength(1);
    const opened = await handle.db
      .select()
      .from(conversationEvents)
      .where(and(eq(conversationEvents.workspaceId, a.workspaceId), eq(conversationEvents.type, 'opened')));
    expect(opened).toHaveLength(3); // old, c1, c2
    const contactRows = await handle.db.select().from(contacts).where(eq(contacts.workspaceId, a.workspaceId));
    expect(contactRows.map((c) => c.externalId).sort()).toEqual(['c1', 'c2', 'old']);
    expect(contactRows.find((c) => c.externalId === 'c1')!.name).toBe('N c1');
  });

  it('without external ids the first round leaves with the channel check: an unknown channel still writes nothing and fails alone', async () => {
    const a = await createTestWorkspace(handle.db, { members, teams: { Sales: ['A1'] } });
    const b = await createTestWorkspace(handle.db, { members, teams: { Sales: ['A1'] } });
    const before = await receiveInboundMessage(tenant(handle.db, a.workspaceId), a.channelId, { contact: { externalId: 'old' }, text: 'earlier' });
    const msg = (channelId: string, contact: string, text: string): InboundItem => ({
      workspaceId: a.workspaceId,
      channelId,
      input: { contact: { externalId: contact }, text },
    });
    const out = await receiveInboundMessages(handle.db, [
      msg(a.channelId, 'n1', 'new contact'),
      msg(b.channelId, 'stranger', 'a channel of another workspace'),
      msg(a.channelId, 'old', 'an open conversation'),
      msg(a.channelId, 'n1', 'second round'),
    ]);
    const ok = out.map((o) => (o.ok ? o.result : null));
    expect(ok[0]).toMatchObject({ openedConversation: true, duplicate: false });
    expect(out[1]!.ok).toBe(false);
    expect(!out[1]!.ok && out[1]!.error.message).toMatch(/Channel/);
    expect(ok[2]).toMatchObject({ conversationId: before.conversationId, openedConversation: false });
    expect(ok[3]).toMatchObject({ conversationId: ok[0]!.conversationId, openedConversation: false });
    // No contact for the unknown channel, in either workspace.
    const strangers = await handle.db.select().from(contacts).where(eq(contacts.externalId, 'stranger'));
    expect(strangers).toHaveLength(0);
  });

  it('locks an existing open conversation in the statement that upserts the contact, and one opened meanwhile by another transaction after it commits', async () => {
    const a = await createTestWorkspace(handle.db, { members, teams: { Sales: ['A1'] } });
    const msg = (contact: string, text: string): InboundItem => ({ workspaceId: a.workspaceId, channelId: a.channelId, input: { contact: { externalId: contact }, text } });
    const first = await receiveInboundMessages(handle.db, [msg('known', 'hello')]);
    const [again] = await receiveInboundMessages(handle.db, [msg('known', 'still there?')]);
    expect(again).toMatchObject({ ok: true, result: { openedConversation: false, conversationId: first[0]!.ok && first[0]!.result.conversationId } });

    // Another transaction opens the contact's conversation and commits only after our statement
    // began: not in its snapshot, so the conversation is locked by the follow-up select.
    let opened!: (id: string) => void;
    const openedId = new Promise<string>((resolve) => (opened = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const other = handle.db.transaction(async (tx) => {
      const [placed] = await openOrLockConversations(tx, [{ ...msg('racer', 'from elsewhere'), index: 0 }]);
      opened(placed!.conversationId!);
      await gate;
    });
    const id = await openedId;
    const ours = receiveInboundMessages(handle.db, [msg('racer', 'mine')]);
    await new Promise((resolve) => setTimeout(resolve, 200)); // ours now waits on the other's insert
    release();
    await other;
    const [out] = await ours;
    expect(out).toMatchObject({ ok: true, result: { openedConversation: false, conversationId: id } });
  });
});
