import { afterAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testDatabase, createTestWorkspace } from '../testing';
import { tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { createWorkflow } from '../workflows/create-workflow';
import { publishWorkflow } from '../workflows/publish-workflow';
import { contacts, conversations, messages, outboxEvents, workflowRuns } from '../schema';
import { receiveInboundMessages } from '../conversations/inbound/receive-inbound-messages';
import { receiveInboundMessage } from '../conversations/inbound/receive-inbound-message';
import { startRunsForEvents } from '../runs/start-runs-for-events';
import { getConversation } from '../conversations/get-conversation';
import { createContactField } from './manage-contact-fields';
import { createTag } from './manage-tags';
import { updateContact } from './update-contact';

const handle = testDatabase(4);
afterAll(() => handle.close());

async function workspace() {
  const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Admin', role: 'admin' as const }, { name: 'Ada' }] });
  const t = tenant(handle.db, ws.workspaceId);
  await createContactField(t, { key: 'seats', label: 'Seats', type: 'number' });
  await createContactField(t, { key: 'plan', label: 'Plan', type: 'select', options: ['Free', 'Enterprise'] });
  await createContactField(t, { key: 'renewal', label: 'Renewal', type: 'date' });
  await createTag(t, 'vip');
  await createTag(t, 'german');
  return { ws, t };
}

const rowsOf = async (workspaceId: string) => ({
  contacts: await handle.db.select().from(contacts).where(eq(contacts.workspaceId, workspaceId)),
  conversations: await handle.db.select().from(conversations).where(eq(conversations.workspaceId, workspaceId)),
  messages: await handle.db.select().from(messages).where(eq(messages.workspaceId, workspaceId)),
});

describe('contact fields and tags through the inbound API', () => {
  it('a wrong type or an unknown tag is refused naming the field, and nothing of that message is written', async () => {
    const { ws } = await workspace();
    const item = (contact: Record<string, unknown>) => ({
      workspaceId: ws.workspaceId,
      channelId: ws.channelId,
      input: { contact: { externalId: 'c1', ...contact }, text: 'hello' } as never,
    });
    const [badType, badTag, badKey, good] = await receiveInboundMessages(handle.db, [
      item({ fields: { seats: 'many' } }),
      item({ tags: ['vip', 'platinum'] }),
      item({ fields: { colour: 'red' } }),
      item({ externalId: 'c2', fields: { seats: 3, plan: 'Enterprise', renewal: '2027-01-31' }, tags: ['vip'] }),
    ]);
    expect(badType).toMatchObject({ ok: false });
    const err = (o: typeof badType) => (o && !o.ok ? (o.error as DomainError) : null);
    expect(err(badType)).toBeInstanceOf(DomainError);
    expect(err(badType)!.details).toEqual([{ field: 'contact.fields.seats', message: expect.stringContaining('must be a number') }]);
    expect(err(badTag)!.details).toEqual([{ field: 'contact.tags.1', message: expect.stringContaining('"platinum" is not a tag') }]);
    expect(err(badKey)!.details).toEqual([{ field: 'contact.fields.colour', message: expect.stringContaining('not a contact field') }]);
    expect(good).toMatchObject({ ok: true });

    const rows = await rowsOf(ws.workspaceId);
    // Only the good message's contact, conversation and message exist: c1 was never written.
    expect(rows.contacts.map((c) => [c.externalId, c.fields, c.tags])).toEqual([
      ['c2', { seats: '3', plan: 'Enterprise', renewal: '2027-01-31' }, ['vip']],
    ]);
    expect(rows.conversations).toHaveLength(1);
    expect(rows.messages).toHaveLength(1);
  });

  it('sets priority, merges fields and adds tags on later messages; a tag_added workflow starts through the outbox', async () => {
    const { ws, t } = await workspace();
    const { id } = await createWorkflow(
      t,
      {
        name: 'German speakers',
        definition: {
          schemaVersion: 1,
          trigger: { id: 'trigger', type: 'trigger', config: { event: 'contact.tag_added', conditions: [], tag: 'german' } },
          steps: [{ id: 'assign', type: 'assign', config: { target: { type: 'user', userId: ws.users.Ada!.id }, onlyOnline: false } }],
          edges: [{ id: 'e', source: 'trigger', sourceHandle: 'next', target: 'assign' }],
        },
      },
      null,
    );
    await publishWorkflow(t, id, null);
    const first = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'k', fields: { seats: 2 }, tags: ['vip'] }, text: 'one', priority: 'high' });
    // vip is not the tag the workflow waits for: an event is written (a workflow listens to
    // tag_added) but it starts nothing.
    expect(first.outboxEventIds).toHaveLength(2);
    const second = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'k', fields: { plan: 'Free' }, tags: ['german', 'vip'] }, text: 'two' });
    const [contact] = await handle.db.select().from(contacts).where(eq(contacts.workspaceId, ws.workspaceId));
    expect(contact!.fields).toEqual({ seats: '2', plan: 'Free' });
    expect(contact!.tags).toEqual(['vip', 'german']);
    const conv = await getConversation(t, first.conversationId);
    expect(conv.priority).toBe('high');

    const tagEvents = await handle.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.workspaceId, ws.workspaceId), eq(outboxEvents.type, 'contact.tag_added')));
    // vip once (already there the second time), german once.
    expect(tagEvents.map((e) => e.payload)).toEqual(expect.arrayContaining([{ tag: 'vip' }, { tag: 'german' }]));
    expect(tagEvents).toHaveLength(2);
    expect(second.outboxEventIds).toContain(tagEvents.find((e) => (e.payload as { tag: string }).tag === 'german')!.id);

    await startRunsForEvents(handle.db, [...first.outboxEventIds, ...second.outboxEventIds].map((eventId) => ({ workspaceId: ws.workspaceId, eventId })));
    const runs = await handle.db.select().from(workflowRuns).where(eq(workflowRuns.workspaceId, ws.workspaceId));
    expect(runs).toHaveLength(1);
    expect((await getConversation(t, first.conversationId)).assigneeId).toBe(ws.users.Ada!.id);
  });
});

describe('contact fields and tags from the inbox (updateContact)', () => {
  it('checks every value before writing any, and announces each real change once', async () => {
    const { ws, t } = await workspace();
    const { id } = await createWorkflow(
      t,
      {
        name: 'Plan watcher',
        definition: {
          schemaVersion: 1,
          trigger: { id: 'trigger', type: 'trigger', config: { event: 'contact.field_changed', conditions: [], fieldKey: 'plan' } },
          steps: [{ id: 'p', type: 'set_priority', config: { priority: 'urgent' } }],
          edges: [{ id: 'e', source: 'trigger', sourceHandle: 'next', target: 'p' }],
        },
      },
      null,
    );
    await publishWorkflow(t, id, null);
    const inbound = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'x' }, text: 'hi' });

    // plan is fine but seats is not: neither is written.
    await expect(updateContact(t, inbound.conversationId, { fields: { plan: 'Enterprise', seats: 'ten' } }, 'user')).rejects.toMatchObject({
      code: 'invalid',
      details: [{ field: 'contact.fields.seats', message: expect.any(String) }],
    });
    await expect(updateContact(t, inbound.conversationId, { addTags: ['nope'] }, 'user')).rejects.toMatchObject({ code: 'invalid' });
    let [contact] = await handle.db.select().from(contacts).where(eq(contacts.workspaceId, ws.workspaceId));
    expect([contact!.fields, contact!.tags]).toEqual([{}, []]);

    const applied = await updateContact(t, inbound.conversationId, { fields: { plan: 'Enterprise', seats: '10' }, addTags: ['vip'], priority: 'low' }, 'user');
    expect(applied).toMatchObject({ changedFields: ['plan', 'seats'], addedTags: ['vip'], priorityChanged: true });
    // Only plan is watched (field_changed listens; tag_added has no workflow): two field events, no tag event.
    expect(applied.outboxEventIds).toHaveLength(2);
    const again = await updateContact(t, inbound.conversationId, { fields: { plan: 'Enterprise' }, addTags: ['vip'] }, 'user');
    expect(again.outboxEventIds).toEqual([]);
    expect(applied.afterCommit.events).toEqual(applied.outboxEventIds);
    expect(again.afterCommit.events).toEqual([]);
    const removed = await updateContact(t, inbound.conversationId, { fields: { seats: null }, removeTags: ['vip'] }, 'user');
    expect(removed).toMatchObject({ changedFields: ['seats'], removedTags: ['vip'] });
    [contact] = await handle.db.select().from(contacts).where(eq(contacts.workspaceId, ws.workspaceId));
    expect([contact!.fields, contact!.tags]).toEqual([{ plan: 'Enterprise' }, []]);

    await startRunsForEvents(handle.db, applied.outboxEventIds.map((eventId) => ({ workspaceId: ws.workspaceId, eventId })));
    // The plan change started the watcher (seats did not match its fieldKey): priority urgent.
    expect((await getConversation(t, inbound.conversationId)).priority).toBe('urgent');
    expect(await handle.db.select().from(workflowRuns).where(eq(workflowRuns.workspaceId, ws.workspaceId))).toHaveLength(1);
  });

  it('refuses publishing a step on a field or tag the workspace does not define', async () => {
    const { t } = await workspace();
    const { id } = await createWorkflow(
      t,
      {
        name: 'Bad',
        definition: {
          schemaVersion: 1,
          trigger: { id: 'trigger', type: 'trigger', config: { event: 'conversation.opened', conditions: [] } },
          steps: [
            { id: 'f', type: 'set_contact_field', config: { key: 'language', value: 'de' } },
            { id: 'g', type: 'tag_contact', config: { tag: 'spanish' } },
          ],
          edges: [
            { id: 'e', source: 'trigger', sourceHandle: 'next', target: 'f' },
            { id: 'e2', source: 'f', sourceHandle: 'next', target: 'g' },
          ],
        },
      },
      null,
    );
    await expect(publishWorkflow(t, id, null)).rejects.toMatchObject({
      details: { problems: [expect.objectContaining({ stepId: 'f', code: 'unknown_contact_field' }), expect.objectContaining({ stepId: 'g', code: 'unknown_tag' })] },
    });
  });
});
