import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabase, createTestWorkspace } from '../../testing';
import { tenant } from '../../tenancy/tenant';
import { createWorkflow } from '../../workflows/create-workflow';
import { publishWorkflow } from '../../workflows/publish-workflow';
import { receiveInboundMessage } from '../../conversations/inbound/receive-inbound-message';
import { assignConversation } from '../../conversations/assign-conversation';
import { closeConversation } from '../../conversations/close-conversation';
import { startRunsForEvent } from '../start-runs-for-event';
import { drainQueues } from './drain-queues';

const handle = testDatabase(10);
afterAll(() => handle.close());
const rows = async <T,>(q: ReturnType<typeof sql>) => (await handle.db.execute(q)).rows as T[];

async function queuedConversation() {
  const ws = await createTestWorkspace(handle.db, {
    members: [{ name: 'Admin', role: 'admin' }, { name: 'Xena', availability: 'offline' }, { name: 'Yuri', availability: 'offline' }],
    teams: { Sales: ['Xena', 'Yuri'] },
  });
  const t = tenant(handle.db, ws.workspaceId);
  const definition = {
    schemaVersion: 1,
    trigger: { id: 'trigger', type: 'trigger', config: { event: 'conversation.opened', conditions: [] } },
    steps: [
      { id: 'assign', type: 'assign', config: { target: { type: 'team', teamId: ws.teams.Sales }, queue: { timeout: { amount: 1, unit: 'hours' } } } },
      { id: 'wait', type: 'wait', config: { duration: { amount: 1, unit: 'hours' } } },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'assign' },
      { id: 'e2', source: 'assign', sourceHandle: 'next', target: 'wait' },
    ],
  };
  const { id } = await createWorkflow(t, { name: 'Queue', definition: definition as never }, ws.users.Admin!.id);
  await publishWorkflow(t, id, ws.users.Admin!.id);
  const inbound = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'c1' }, text: 'hi' });
  const [result] = await startRunsForEvent(t, inbound.outboxEventIds[0]!);
  expect(result!.status).toBe('waiting');
  return { ws, t, conversationId: inbound.conversationId, runId: result!.runId };
}

const assignee = async (conversationId: string) =>
  (await rows<{ assignee_id: string | null }>(sql`select assignee_id from conversations where id = ${conversationId}`))[0]!.assignee_id;
const run = async (runId: string) =>
  (await rows<{ status: string; error: string | null; queued: boolean }>(sql`
    select status, error, (state->'queue'->>'pool') is not null as queued from workflow_runs where id = ${runId}`))[0]!;

describe('queue races', () => {
  it('an agent going offline at the same instant as being picked never ends up with the conversation', async () => {
    const { ws, conversationId, runId } = await queuedConversation();
    const xena = ws.users.Xena!.id;
    await handle.db.execute(sql`update memberships set availability = 'online' where workspace_id = ${ws.workspaceId} and user_id = ${xena}`);
    // Xena's "offline" is in flight (row updated, not yet committed) when the drain that
    // her coming online started decides.
    const client = await handle.pool.connect();
    try {
      await client.query('begin');
      await client.query(`update memberships set availability = 'offline' where workspace_id = $1 and user_id = $2`, [ws.workspaceId, xena]);
      const drained = drainQueues(handle.db, [{ workspaceId: ws.workspaceId, userId: xena, reason: 'online' }]);
      await new Promise((r) => setTimeout(r, 300));
      await client.query('commit');
      expect(await drained).toEqual({ runs: [], returned: [] });
    } finally {
      client.release();
    }
    expect(await assignee(conversationId)).toBeNull();
    expect(await run(runId)).toMatchObject({ status: 'waiting', queued: true });
  });

  it('an agent who came online is picked, and the drain is a no-op the second time', async () => {
    const { ws, conversationId, runId } = await queuedConversation();
    const yuri = ws.users.Yuri!.id;
    await handle.db.execute(sql`update memberships set availability = 'online' where workspace_id = ${ws.workspaceId} and user_id = ${yuri}`);
    const wake = [{ workspaceId: ws.workspaceId, userId: yuri, reason: 'online' as const }];
    const [first, second] = await Promise.all([drainQueues(handle.db, wake), drainQueues(handle.db, wake)]);
    expect([...first!.runs, ...second!.runs]).toHaveLength(1);
    expect(await assignee(conversationId)).toBe(yuri);
    expect(await run(runId)).toMatchObject({ status: 'waiting', queued: false });
    const events = await rows<{ type: string }>(sql`select type from conversation_events where conversation_id = ${conversationId} order by created_at`);
    expect(events.map((e) => e.type)).toEqual(['opened', 'queued', 'assigned']);
  });

  it('a queued conversation assigned by hand leaves the queue once, and the run says why', async () => {
    const { ws, t, conversationId, runId } = await queuedConversation();
    await assignConversation(t, conversationId, { assigneeId: ws.users.Yuri!.id, actorUserId: ws.users.Admin!.id });
    expect(await run(runId)).toMatchObject({ status: 'cancelled', error: 'Left the Sales queue: Admin assigned it to Yuri by hand.', queued: false });
    // A second manual change finds no queued run: nothing more is written to it.
    await assignConversation(t, conversationId, { assigneeId: ws.users.Xena!.id, actorUserId: ws.users.Admin!.id });
    const logged = await rows<{ step_type: string; finished: boolean }>(sql`
      select step_type, finished_at is not null as finished from run_steps where run_id = ${runId} order by seq`);
    expect(logged).toEqual([
      { step_type: 'trigger', finished: true },
      { step_type: 'assign', finished: true },
      { step_type: 'queue', finished: true },
    ]);
    // Coming online later does not take it back.
    await handle.db.execute(sql`update memberships set availability = 'online' where workspace_id = ${ws.workspaceId}`);
    expect(await drainQueues(handle.db, [{ workspaceId: ws.workspaceId, userId: null, reason: 'sweep' }])).toEqual({ runs: [], returned: [] });
    expect(await assignee(conversationId)).toBe(ws.users.Xena!.id);
  });

  it('a queued conversation that is closed leaves the queue, and the run says why', async () => {
    const { ws, t, conversationId, runId } = await queuedConversation();
    await closeConversation(t, conversationId, { type: 'user', userId: ws.users.Admin!.id });
    expect(await run(runId)).toMatchObject({ status: 'cancelled', error: 'Conversation closed' });
    await handle.db.execute(sql`update memberships set availability = 'online' where workspace_id = ${ws.workspaceId}`);
    expect(await drainQueues(handle.db, [{ workspaceId: ws.workspaceId, userId: null, reason: 'sweep' }])).toEqual({ runs: [], returned: [] });
    expect(await assignee(conversationId)).toBeNull();
  });
});
