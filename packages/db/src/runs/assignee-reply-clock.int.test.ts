import { afterAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { reassignIfNoReply, type WorkflowDefinition } from '@baton/engine';
import { testDatabase, createTestWorkspace } from '../testing';
import { tenant, type Tenant } from '../tenancy/tenant';
import { createWorkflow } from '../workflows/create-workflow';
import { publishWorkflow } from '../workflows/publish-workflow';
import { receiveInboundMessage } from '../conversations/inbound/receive-inbound-message';
import { sendReply } from '../conversations/send-reply';
import { assignConversation } from '../conversations/assign-conversation';
import { conversations, messages, runSteps } from '../schema';
import { startRunsForEvent } from './start-runs-for-event';
import { resumeWaitingRun } from './resume-waiting-run';

/**
 * The reply clock per assignee (issue #16): the seed's branch asks whether the *current*
 * assignee replied since they got the conversation. Old main asked "is there any outgoing
 * message", so a colleague's or an automated message stopped the reassignment, and a lead's
 * manual reassignment inherited the previous assignee's reply.
 */
const handle = testDatabase();
afterAll(() => handle.close());

async function setup(definition?: (teams: Record<string, string>) => WorkflowDefinition) {
  const ws = await createTestWorkspace(handle.db, {
    members: [{ name: 'Lead', role: 'lead' }, { name: 'Alice' }, { name: 'Bob' }, { name: 'Carol' }],
    teams: { Sales: ['Alice'], Support: ['Carol'] },
  });
  const t = tenant(handle.db, ws.workspaceId);
  const def =
    definition?.(ws.teams) ??
    reassignIfNoReply({ firstTeamId: ws.teams.Sales!, secondTeamId: ws.teams.Support!, duration: { amount: 1, unit: 'hours' } });
  const { id } = await createWorkflow(t, { name: 'Ladder', definition: def }, ws.users.Lead!.id);
  await publishWorkflow(t, id, ws.users.Lead!.id);
  const inbound = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: `c-${Math.random()}`, name: 'Dana' }, text: 'Hello?' });
  const [run] = await startRunsForEvent(t, inbound.outboxEventIds[0]!);
  return { ws, t, conversationId: inbound.conversationId, run: run! };
}

const clock = async (t: Tenant, conversationId: string) => {
  const [row] = await t.db
    .select({ assigneeId: conversations.assigneeId, assignedAt: conversations.assignedAt, repliedAt: conversations.assigneeRepliedAt })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, t.workspaceId), eq(conversations.id, conversationId)));
  return row!;
};

const fireWait = (t: Tenant, run: { runId: string; wait: { waitSeq: number } | null }) =>
  resumeWaitingRun(t, run.runId, run.wait!.waitSeq, { force: true });

const branchOutputs = async (runId: string) =>
  (await handle.db.select().from(runSteps).where(eq(runSteps.runId, runId)).orderBy(runSteps.seq))
    .filter((s) => s.stepType === 'branch')
    .map((s) => s.output);

describe('reply clock per assignee', () => {
  it('a colleague\'s reply is not the assignee\'s: the seed still hands the conversation on', async () => {
    const { ws, t, conversationId, run } = await setup();
    const started = await clock(t, conversationId);
    expect(started.assigneeId).toBe(ws.users.Alice!.id);
    expect(started.assignedAt).toBeInstanceOf(Date);
    expect(started.repliedAt).toBeNull();

    await sendReply(t, conversationId, { userId: ws.users.Bob!.id, text: 'Bob here, Alice will be with you' });
    expect((await clock(t, conversationId)).repliedAt).toBeNull();

    await fireWait(t, run);
    expect(await branchOutputs(run.runId)).toEqual(['branch:no-reply']);
    expect((await clock(t, conversationId)).assigneeId).toBe(ws.users.Carol!.id);
  });

  it('an automated message (the workflow\'s send-message step) never counts as the assignee\'s reply', async () => {
    // The seed's ladder with a holding message to the customer right after the first assignment.
    const withHoldingMessage = (teams: Record<string, string>): WorkflowDefinition => {
      const def = reassignIfNoReply({ firstTeamId: teams.Sales!, secondTeamId: teams.Support!, duration: { amount: 1, unit: 'hours' } });
      return {
        ...def,
        steps: [...def.steps, { id: 'hold', type: 'send_message', config: { text: 'Thanks {{contact.name}}, {{assignee.name}} will be with you shortly.' } }],
        edges: [
          ...def.edges.filter((e) => !(e.source === 'assign-first' && e.sourceHandle === 'next')),
          { id: 'to-hold', source: 'assign-first', sourceHandle: 'next', target: 'hold' },
          { id: 'hold-to-wait', source: 'hold', sourceHandle: 'next', target: 'wait' },
        ],
      };
    };
    const { ws, t, conversationId, run } = await setup(withHoldingMessage);
    const sent = await t.db.select().from(messages).where(and(eq(messages.conversationId, conversationId), eq(messages.direction, 'outgoing')));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ automated: true, authorUserId: null });
    expect((await clock(t, conversationId)).repliedAt).toBeNull();

    // Even an automated row that names the assignee as its author is not their reply.
    const [conv] = await t.db.select().from(conversations).where(eq(conversations.id, conversationId));
    await t.db.insert(messages).values({
      workspaceId: t.workspaceId,
      conversationId,
      channelId: conv!.channelId,
      direction: 'outgoing',
      authorUserId: ws.users.Alice!.id,
      automated: true,
      text: 'Sent on Alice\'s behalf',
    });
    expect((await clock(t, conversationId)).repliedAt).toBeNull();

    await fireWait(t, run);
    expect(await branchOutputs(run.runId)).toEqual(['branch:no-reply']);
    expect((await clock(t, conversationId)).assigneeId).toBe(ws.users.Carol!.id);
  });

  it('the assignee\'s own reply stops the clock and the seed leaves the conversation with them', async () => {
    const { ws, t, conversationId, run } = await setup();
    await sendReply(t, conversationId, { userId: ws.users.Alice!.id, text: 'Hi Dana' });
    const after = await clock(t, conversationId);
    expect(after.repliedAt).toBeInstanceOf(Date);
    expect(after.repliedAt!.getTime()).toBeGreaterThanOrEqual(after.assignedAt!.getTime());
    // A second reply keeps the first one as the moment the clock stopped.
    await sendReply(t, conversationId, { userId: ws.users.Alice!.id, text: 'Still there?' });
    expect((await clock(t, conversationId)).repliedAt).toEqual(after.repliedAt);
    await fireWait(t, run);
    expect(await branchOutputs(run.runId)).toEqual(['else']);
    expect((await clock(t, conversationId)).assigneeId).toBe(ws.users.Alice!.id);
  });

  it('a manual reassignment restarts the clock: Alice\'s reply does not count for Bob', async () => {
    const { ws, t, conversationId, run } = await setup();
    await sendReply(t, conversationId, { userId: ws.users.Alice!.id, text: 'Hi Dana' });
    const alice = await clock(t, conversationId);
    expect(alice.repliedAt).not.toBeNull();

    await assignConversation(t, conversationId, { assigneeId: ws.users.Bob!.id, actorUserId: ws.users.Lead!.id });
    const bob = await clock(t, conversationId);
    expect(bob.assigneeId).toBe(ws.users.Bob!.id);
    expect(bob.repliedAt).toBeNull();
    expect(bob.assignedAt!.getTime()).toBeGreaterThan(alice.assignedAt!.getTime());

    // Assigning the same person again (a team change) is not a new assignment.
    await assignConversation(t, conversationId, { assigneeId: ws.users.Bob!.id, teamId: ws.teams.Support!, actorUserId: ws.users.Lead!.id });
    expect((await clock(t, conversationId)).assignedAt).toEqual(bob.assignedAt);

    await fireWait(t, run);
    // Old main saw Alice's outgoing message and left Bob alone; Bob never answered.
    expect(await branchOutputs(run.runId)).toEqual(['branch:no-reply']);
    expect((await clock(t, conversationId)).assigneeId).toBe(ws.users.Carol!.id);
  });

  it('a manual reassignment followed by the new assignee\'s reply keeps the conversation with them', async () => {
    const { ws, t, conversationId, run } = await setup();
    await assignConversation(t, conversationId, { assigneeId: ws.users.Bob!.id, actorUserId: ws.users.Lead!.id });
    await sendReply(t, conversationId, { userId: ws.users.Bob!.id, text: 'Bob here' });
    await fireWait(t, run);
    expect(await branchOutputs(run.runId)).toEqual(['else']);
    expect((await clock(t, conversationId)).assigneeId).toBe(ws.users.Bob!.id);
    // Unassigning clears the clock altogether.
    await assignConversation(t, conversationId, { assigneeId: null, actorUserId: ws.users.Lead!.id });
    expect(await clock(t, conversationId)).toMatchObject({ assigneeId: null, assignedAt: null, repliedAt: null });
  });

  it('a workflow reassignment restarts the clock within the run and in the database', async () => {
    // assign Sales → wait → assign Support → branch on the new assignee's clock.
    const ladder = (teams: Record<string, string>): WorkflowDefinition => ({
      schemaVersion: 1,
      trigger: { id: 'trigger', type: 'trigger', config: { event: 'conversation.opened', conditions: [] } },
      steps: [
        { id: 'first', type: 'assign', config: { target: { type: 'team', teamId: teams.Sales! }, logic: 'round_robin', onlyOnline: true, maxOpen: null, excludeTried: true } },
        { id: 'wait', type: 'wait', config: { duration: { amount: 1, unit: 'hours' } } },
        { id: 'second', type: 'assign', config: { target: { type: 'team', teamId: teams.Support! }, logic: 'round_robin', onlyOnline: true, maxOpen: null, excludeTried: true } },
        {
          id: 'check',
          type: 'branch',
          config: {
            branches: [
              {
                id: 'fresh',
                match: 'all',
                conditions: [
                  { id: 'silent', kind: 'assignee_replied', operator: 'not_exists' },
                  { id: 'recent', kind: 'current_assignment', operator: 'less_than', duration: { amount: 1, unit: 'minutes' } },
                ],
              },
            ],
          },
        },
      ],
      edges: [
        { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'first' },
        { id: 'e2', source: 'first', sourceHandle: 'next', target: 'wait' },
        { id: 'e3', source: 'wait', sourceHandle: 'next', target: 'second' },
        { id: 'e4', source: 'second', sourceHandle: 'next', target: 'check' },
      ],
    });
    const { ws, t, conversationId, run } = await setup(ladder);
    await sendReply(t, conversationId, { userId: ws.users.Alice!.id, text: 'Hi Dana' });
    const alice = await clock(t, conversationId);
    expect(alice.repliedAt).not.toBeNull();

    await fireWait(t, run);
    // The branch ran in the same transaction as the reassignment to Carol: it saw her fresh
    // clock (not Alice's reply), and so does the row the batch wrote.
    expect(await branchOutputs(run.runId)).toEqual(['branch:fresh']);
    const carol = await clock(t, conversationId);
    expect(carol.assigneeId).toBe(ws.users.Carol!.id);
    expect(carol.repliedAt).toBeNull();
    expect(carol.assignedAt!.getTime()).toBeGreaterThan(alice.assignedAt!.getTime());

    // Alice (no longer the assignee) writing again does not stop Carol's clock; Carol does.
    await sendReply(t, conversationId, { userId: ws.users.Alice!.id, text: 'Handing you to Carol' });
    expect((await clock(t, conversationId)).repliedAt).toBeNull();
    await sendReply(t, conversationId, { userId: ws.users.Carol!.id, text: 'Carol here' });
    expect((await clock(t, conversationId)).repliedAt).not.toBeNull();
  });
});
