import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundRobinOnlineOnly } from '@baton/engine';
import { createWorkflow, getConversation, publishWorkflow, receiveInboundMessage, tenant } from '@baton/db';
import { createTestWorkspace, testDatabase } from '@baton/db/testing';
import { shardOf } from '@baton/queue';
import { sql } from 'drizzle-orm';
import { startTestWorker, waitFor } from './test-harness';

const handle = testDatabase(20);
let harness: Awaited<ReturnType<typeof startTestWorker>>;
beforeAll(async () => {
  // Few slots per shard, so a flood saturates its shard for a while.
  harness = await startTestWorker({ WORKER_CONCURRENCY: '8' });
});
afterAll(async () => {
  await harness.stop();
  await handle.close();
});

async function routedWorkspace() {
  const ws = await createTestWorkspace(handle.db, { members: [{ name: 'A1' }, { name: 'A2' }], teams: { Sales: ['A1', 'A2'] } });
  const t = tenant(handle.db, ws.workspaceId);
  const { id } = await createWorkflow(t, { name: 'Round robin', definition: roundRobinOnlineOnly({ teamId: ws.teams.Sales! }) }, null);
  await publishWorkflow(t, id, null);
  return { ws, t };
}

const pendingEvents = async (workspaceId: string) =>
  Number(
    (await handle.db.execute<{ n: number }>(sql`select count(*)::int as n from outbox_events where workspace_id = ${workspaceId} and processed_at is null`))
      .rows[0]!.n,
  );

describe('noisy neighbour', () => {
  it("a workspace flooding the queue does not hold up another workspace's routing", async () => {
    const shards = harness.queues.eventShards.length;
    expect(shards).toBeGreaterThan(1);
    const noisy = await routedWorkspace();
    let quiet = await routedWorkspace();
    while (shardOf(quiet.ws.workspaceId, shards) === shardOf(noisy.ws.workspaceId, shards)) quiet = await routedWorkspace();

    const flood: string[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const inbound = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          receiveInboundMessage(noisy.t, noisy.ws.channelId, { contact: { externalId: `flood-${batch}-${i}` }, text: 'hi' }),
        ),
      );
      flood.push(...inbound.flatMap((m) => m.outboxEventIds));
    }
    await harness.queues.enqueueEvents(noisy.ws.workspaceId, flood);
    const mine = await receiveInboundMessage(quiet.t, quiet.ws.channelId, { contact: { externalId: 'quiet-1' }, text: 'hello' });
    const sentAt = Date.now();
    await harness.queues.enqueueEvents(quiet.ws.workspaceId, mine.outboxEventIds);

    await waitFor(async () => (await getConversation(quiet.t, mine.conversationId)).assigneeId, 20_000, 10);
    const latencyMs = Date.now() - sentAt;
    const floodLeft = await pendingEvents(noisy.ws.workspaceId);
    // Behind one FIFO queue the quiet conversation would wait for all 300 flood events.
    expect(floodLeft).toBeGreaterThan(100);
    expect(latencyMs).toBeLessThan(2000);
    await waitFor(async () => (await pendingEvents(noisy.ws.workspaceId)) === 0, 60_000, 200);
  });
});
