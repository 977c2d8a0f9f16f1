import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { testDatabase } from '../testing';
import { createDatabase, type DatabaseHandle } from '../client';
import { migrateDatabase } from '../system/migrate';
import { tenant } from '../tenancy/tenant';
import { memberships } from '../schema';
import { receiveInboundMessage } from '../conversations/inbound/receive-inbound-message';
import { startRunsForEvents } from '../runs/start-runs-for-events';
import { drainQueues } from '../runs/queue/drain-queues';
import { seedDemo } from './seed-demo';

// The demo seed runs once per database (a second call finds it): in the shared test database it
// would leave the demo behind, and the e2e suite's own seed — which must create it, to get the
// demo API key — would then find it. So this file seeds a database of its own.
const shared = testDatabase(1);
const name = `baton_seed_queue_${process.pid}_${Date.now()}`;
let handle: DatabaseHandle;
beforeAll(async () => {
  await shared.db.execute(sql.raw(`create database ${name}`));
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  handle = createDatabase(url.toString(), { max: 3, applicationName: 'baton-test' });
  await migrateDatabase(handle.db);
}, 120_000);
afterAll(async () => {
  await handle?.close();
  await shared.db.execute(sql.raw(`drop database if exists ${name}`));
  await shared.close();
});
const rows = async <T,>(q: ReturnType<typeof sql>) => (await handle.db.execute(q)).rows as T[];

// Issue #16 item 6: the demo's workflow holds a conversation in Sales's queue when nobody in
// Sales is online, instead of a "no one online" note and a dead end.
describe('the seeded workflow uses the queue', () => {
  it('nobody in Sales online: the conversation waits in the Sales queue and goes to Alice when she comes online', async () => {
    const seed = await seedDemo(handle.db);
    const t = tenant(handle.db, seed.workspaceId);
    const sales = [seed.users.alice, seed.users.bob];
    for (const userId of sales)
      await handle.db.update(memberships).set({ availability: 'offline' }).where(and(eq(memberships.workspaceId, seed.workspaceId), eq(memberships.userId, userId)));
    const inbound = await receiveInboundMessage(t, seed.channelId, { contact: { externalId: `queue-${Date.now()}` }, text: 'Anyone there?' });
    const [started] = await startRunsForEvents(handle.db, inbound.outboxEventIds.map((eventId) => ({ workspaceId: seed.workspaceId, eventId })));
    const runId = started!.results.find((r) => r.conversationId === inbound.conversationId)!.runId;
    const [run] = await rows<{ status: string; pool: string | null; wake_in_s: number }>(sql`
      select status, state->'queue'->>'pool' as pool, extract(epoch from (wake_at - now()))::int as wake_in_s from workflow_runs where id = ${runId}`);
    expect(run).toMatchObject({ status: 'waiting', pool: `team:${seed.teams.Sales}` });
    // The queue's timeout: 30 minutes.
    expect(run!.wake_in_s).toBeGreaterThan(29 * 60);
    expect(run!.wake_in_s).toBeLessThanOrEqual(30 * 60);

    await handle.db.update(memberships).set({ availability: 'online' }).where(and(eq(memberships.workspaceId, seed.workspaceId), eq(memberships.userId, seed.users.alice)));
    await drainQueues(handle.db, [{ workspaceId: seed.workspaceId, userId: seed.users.alice, reason: 'online' }]);
    const [conv] = await rows<{ assignee_id: string | null }>(sql`select assignee_id from conversations where id = ${inbound.conversationId}`);
    expect(conv!.assignee_id).toBe(seed.users.alice);
    // Then the per-assignee reply clock as before: the run waits 15 minutes on Alice.
    const [after] = await rows<{ current_step_id: string; status: string }>(sql`select current_step_id, status from workflow_runs where id = ${runId}`);
    expect(after).toEqual({ current_step_id: 'wait', status: 'waiting' });
  });
});
