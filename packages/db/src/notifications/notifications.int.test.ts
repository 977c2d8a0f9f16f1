import { afterAll, describe, expect, it } from 'vitest';
import { reassignIfNoReply } from '@baton/engine';
import { testDatabase, createTestWorkspace } from '../testing';
import { tenant, type Tenant } from '../tenancy/tenant';
import { createWorkflow } from '../workflows/create-workflow';
import { publishWorkflow } from '../workflows/publish-workflow';
import { receiveInboundMessage } from '../conversations/inbound/receive-inbound-message';
import { assignConversation } from '../conversations/assign-conversation';
import { addComment } from '../conversations/add-comment';
import { startRunsForEvent } from '../runs/start-runs-for-event';
import { startRunsForEvents } from '../runs/start-runs-for-events';
import { resumeWaitingRun } from '../runs/resume-waiting-run';
import { comments } from '../schema';
import { listNotifications } from './list-notifications';
import { markNotificationsRead } from './mark-notifications-read';
import { listenForNotifications } from './listen-for-notifications';

/**
 * Notifications (issue #16 item 5) are written by triggers in the transaction of the event
 * that causes them, whichever path wrote it, and announced on commit through NOTIFY.
 */
const handle = testDatabase();
afterAll(() => handle.close());

async function workspace() {
  const ws = await createTestWorkspace(handle.db, {
    members: [{ name: 'Lead', role: 'lead' }, { name: 'Alice' }, { name: 'Bob' }, { name: 'Carol' }],
    teams: { Sales: ['Alice'], Support: ['Carol'] },
  });
  const t = tenant(handle.db, ws.workspaceId);
  const id = (name: string) => ws.users[name]!.id;
  const open = async () =>
    (await receiveInboundMessage(t, ws.channelId, { contact: { externalId: `c-${Math.random()}`, name: 'Dana' }, text: 'Hello?' })).conversationId;
  return { ws, t, id, open };
}

const kinds = async (t: Tenant, userId: string) =>
  (await listNotifications(t, userId)).items.map((n) => `${n.kind}${n.actorName ? ` by ${n.actorName}` : ''}`);

describe('notifications', () => {
  it('a workflow\'s assignment, reassignment and comment mention tell the people concerned', async () => {
    const { ws, t, id } = await workspace();
    const def = reassignIfNoReply({ firstTeamId: ws.teams.Sales!, secondTeamId: ws.teams.Support!, duration: { amount: 1, unit: 'hours' } });
    const { id: workflowId } = await createWorkflow(t, { name: 'Ladder', definition: def }, id('Lead'));
    await publishWorkflow(t, workflowId, id('Lead'));
    const inbound = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'dana', name: 'Dana' }, text: 'Hello?' });
    const [run] = await startRunsForEvent(t, inbound.outboxEventIds[0]!);

    const alice = await listNotifications(t, id('Alice'));
    expect(alice.unread).toBe(1);
    expect(alice.items[0]).toMatchObject({ kind: 'assigned', conversationId: inbound.conversationId, contactName: 'Dana', actorName: null, readAt: null });

    await resumeWaitingRun(t, run!.runId, run!.wait!.waitSeq, { force: true });
    expect(await kinds(t, id('Alice'))).toEqual(['unassigned', 'assigned']);
    // Carol: handed the conversation, and mentioned by the workflow's comment step.
    const carol = await listNotifications(t, id('Carol'));
    expect(carol.unread).toBe(2);
    expect(carol.items.map((n) => n.kind).sort()).toEqual(['assigned', 'mentioned']);
    expect(carol.items.find((n) => n.kind === 'mentioned')!.text).toContain('Reassigned to you');
    expect(await kinds(t, id('Bob'))).toEqual([]);
  });

  it('a person\'s reassignment tells both sides; taking a conversation yourself tells only whom it was taken from', async () => {
    const { t, id, open } = await workspace();
    const c = await open();
    await assignConversation(t, c, { assigneeId: id('Alice'), actorUserId: id('Lead') });
    await assignConversation(t, c, { assigneeId: id('Bob'), actorUserId: id('Lead') });
    expect(await kinds(t, id('Alice'))).toEqual(['unassigned by Lead', 'assigned by Lead']);
    expect(await kinds(t, id('Bob'))).toEqual(['assigned by Lead']);

    await assignConversation(t, c, { assigneeId: id('Carol'), actorUserId: id('Carol') });
    expect(await kinds(t, id('Carol'))).toEqual([]);
    expect(await kinds(t, id('Bob'))).toEqual(['unassigned by Carol', 'assigned by Lead']);
    // Unassigning your own conversation: nobody to tell.
    await assignConversation(t, c, { assigneeId: null, actorUserId: id('Carol') });
    expect(await kinds(t, id('Carol'))).toEqual([]);
    expect(await kinds(t, id('Lead'))).toEqual([]);
  });

  it('mentions in a person\'s comment tell the mentioned members, not the author', async () => {
    const { t, id, open } = await workspace();
    const c = await open();
    await addComment(t, c, { userId: id('Bob'), body: '@Alice @Bob can you look?', mentionUserIds: [id('Alice'), id('Bob'), id('Alice')] });
    const alice = await listNotifications(t, id('Alice'));
    expect(alice.items).toHaveLength(1);
    expect(alice.items[0]).toMatchObject({ kind: 'mentioned', actorName: 'Bob', text: '@Alice @Bob can you look?' });
    expect(await kinds(t, id('Bob'))).toEqual([]);
  });

  it('a user sees and marks only their own, in their workspace only', async () => {
    const { t, id, open } = await workspace();
    const other = await workspace();
    const c = await open();
    await assignConversation(t, c, { assigneeId: id('Alice'), actorUserId: id('Lead') });
    await addComment(t, c, { userId: id('Lead'), body: 'fyi', mentionUserIds: [id('Alice')] });
    const mine = await listNotifications(t, id('Alice'));
    expect(mine.unread).toBe(2);
    const ids = mine.items.map((n) => n.id);

    // Bob passing Alice's ids, or Alice from another workspace: nothing changes.
    expect(await markNotificationsRead(t, id('Bob'), { ids })).toBe(0);
    expect(await markNotificationsRead(other.t, id('Alice'), { ids })).toBe(0);
    expect(await markNotificationsRead(other.t, id('Alice'), { all: true })).toBe(0);
    expect((await listNotifications(other.t, id('Alice'))).items).toEqual([]);
    expect((await listNotifications(t, id('Bob'))).items).toEqual([]);
    expect((await listNotifications(t, id('Alice'))).unread).toBe(2);

    expect(await markNotificationsRead(t, id('Alice'), { ids: [ids[0]!] })).toBe(1);
    expect((await listNotifications(t, id('Alice'))).unread).toBe(1);
    expect(await markNotificationsRead(t, id('Alice'), { all: true })).toBe(1);
    const after = await listNotifications(t, id('Alice'));
    expect(after.unread).toBe(0);
    expect(after.items.every((n) => n.readAt instanceof Date)).toBe(true);
  });

  it('is announced to listeners on commit, never for a transaction that rolled back', async () => {
    const { ws, t, id, open } = await workspace();
    const heard: string[] = [];
    const listener = listenForNotifications(process.env.DATABASE_URL!, (n) => {
      if (n.workspaceId === ws.workspaceId) heard.push(n.userId);
    });
    try {
      await listener.ready;
      const c = await open();
      // A comment whose transaction rolls back: its notification row and NOTIFY go with it.
      await handle.db
        .transaction(async (tx) => {
          await tx.insert(comments).values({ workspaceId: ws.workspaceId, conversationId: c, authorUserId: id('Lead'), body: 'x', mentionUserIds: [id('Bob')] });
          throw new Error('rollback');
        })
        .catch(() => {});
      expect((await listNotifications(t, id('Bob'))).items).toEqual([]);

      await assignConversation(t, c, { assigneeId: id('Alice'), actorUserId: id('Lead') });
      const deadline = Date.now() + 5000;
      while (!heard.includes(id('Alice')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(heard).toEqual([id('Alice')]);
    } finally {
      await listener.close();
    }
  });

  it('a batch of runs assigning in one statement tells each assignee once per conversation', async () => {
    const { ws, t, id } = await workspace();
    const wf = await createWorkflow(t, { name: 'Route', definition: reassignIfNoReply({ firstTeamId: ws.teams.Sales!, waitMinutes: 15, secondTeamId: ws.teams.Support! }) as never }, null);
    await publishWorkflow(t, wf.id, null);
    const refs = [];
    for (let i = 0; i < 6; i++) {
      const m = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: `batch-${i}` }, text: 'hi' });
      refs.push(...m.outboxEventIds.map((eventId) => ({ workspaceId: ws.workspaceId, eventId })));
    }
    const heard: string[] = [];
    const listener = listenForNotifications(process.env.DATABASE_URL!, (n) => {
      if (n.workspaceId === ws.workspaceId) heard.push(n.userId);
    });
    try {
      await listener.ready;
      const started = await startRunsForEvents(handle.db, refs);
      expect(started.flatMap((r) => r.results)).toHaveLength(6);
      expect(await kinds(t, id('Alice'))).toEqual(Array(6).fill('assigned'));
      const deadline = Date.now() + 5000;
      while (!heard.includes(id('Alice')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      // One transaction, one notice per person: the inbox refetches its count once.
      expect(heard).toEqual([id('Alice')]);
    } finally {
      await listener.close();
    }
  });
});
