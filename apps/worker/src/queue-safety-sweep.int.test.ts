import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createQueuedTeamWorkspace, testDatabase } from '@baton/db/testing';
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
  const { ws, queue } = await createQueuedTeamWorkspace(handle.db, {
    members: [{ name: 'Admin', role: 'admin' }, { name: 'Nia', availability: 'offline' }],
    teams: { Sales: ['Nia'] },
  });
  const result = await queue('c1');
  expect(result.status).toBe('waiting');
  return { ws, conversationId: result.conversationId };
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
