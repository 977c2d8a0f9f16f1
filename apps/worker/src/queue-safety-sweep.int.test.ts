import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createWorkflow, publishWorkflow, receiveInboundMessage, startRunsForEvent, tenant } from '@baton/db';
import { createTestWorkspace, testDatabase } from '@baton/db/testing';
import { startTestWorker, waitFor } from './test-harness';

const handle = testDatabase(4);
let harness: Awaited<ReturnType<typeof startTestWorker>>;
beforeAll(async () => {
  // A short sweep so the test needs no 30 s; the default is QUEUE_SWEEP_INTERVAL_MS=30000.
  harness = await startTestWorker({ QUEUE_SWEEP_INTERVAL_MS: '300' });
});
afterAll(async () => {
  await harness.stop();
  await handle.close();
});

const rows = async <T,>(q: ReturnType<typeof sql>) => (await handle.db.execute(q)).rows as T[];
const assignee = async (conversationId: string) =>
  (await rows<{ assignee_id: string | null }>(sql`select assignee_id from conversations where id = ${conversationId}`))[0]!.assignee_id;

async function queued() {
  const ws = await createTestWorkspace(handle.db, {
    members: [{ name: 'Admin', role: 'admin' }, { name: 'Nia', availability: 'offline' }],
    teams: { Sales: ['Nia'] },
  });
  const t = tenant(handle.db, ws.workspaceId);
  const definition = {
    schemaVersion: 1,
    trigger: { id: 'trigger', type: 'trigger', config: { event: 'conversation.opened', conditions: [] } },
    steps: [{ id: 'assign', type: 'assign', config: { target: { type: 'team', teamId: ws.teams.Sales }, queue: { timeout: { amount: 1, unit: 'days' } } } }],
    edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'assign' }],
  };
  const { id } = await createWorkflow(t, { name: 'Queue', definition: definition as never }, ws.users.Admin!.id);
  await publishWorkflow(t, id, ws.users.Admin!.id);
  const inbound = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'c1' }, text: 'hi' });
  const [result] = await startRunsForEvent(t, inbound.outboxEventIds[0]!);
  expect(result!.status).toBe('waiting');
  return { ws, conversationId: inbound.conversationId };
}

describe('queue safety sweep (a wake-up NOTIFY never delivered)', () => {
  it('an agent who came online without any NOTIFY reaching the worker is given the queued conversation by the periodic sweep', async () => {
    const { ws, conversationId } = await queued();
    // The change commits with triggers off in its session: no NOTIFY, as when the listener
    // was disconnected at that moment. Only the sweep can find it.
    const client = await handle.pool.connect();
    try {
      await client.query('begin');
      await client.query(`set local session_replication_role = replica`);
      await client.query(`update memberships set availability = 'online' where workspace_id = $1 and user_id = $2`, [ws.workspaceId, ws.users.Nia!.id]);
      await client.query('commit');
    } finally {
      client.release();
    }
    await waitFor(async () => (await assignee(conversationId)) === ws.users.Nia!.id, 20_000);
  });

  it('a worker that was down when the agent came online assigns the queued conversation once it starts', async () => {
    const { ws, conversationId } = await queued();
    await harness.stopWorkerOnly();
    try {
      // The NOTIFY fires with nobody listening and is gone.
      await handle.db.execute(sql`update memberships set availability = 'online' where workspace_id = ${ws.workspaceId} and user_id = ${ws.users.Nia!.id}`);
      expect(await assignee(conversationId)).toBeNull();
    } finally {
      await harness.restart();
    }
    await waitFor(async () => (await assignee(conversationId)) === ws.users.Nia!.id, 20_000);
  });
});
