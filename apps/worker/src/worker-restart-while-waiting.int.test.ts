import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getConversation } from '@baton/db';
import { testDatabase } from '@baton/db/testing';
import { startTestWorker, seedScenarioWorkspace, customerWrites, waitFor } from './test-harness';

const handle = testDatabase(10);
let harness: Awaited<ReturnType<typeof startTestWorker>>;
beforeAll(async () => {
  harness = await startTestWorker();
});
afterAll(async () => {
  await harness.stop();
  await handle.close();
});

async function runStates(conversationIds: string[]) {
  const rows = await handle.db.execute<{ status: string }>(
    sql`select status from workflow_runs where conversation_id in ${sql.raw(`('${conversationIds.join("','")}')`)}`,
  );
  return rows.rows.map((r) => r.status);
}

describe('worker stopped while runs wait', () => {
  it('after a restart every wait fires exactly once', async () => {
    const { ws, t } = await seedScenarioWorkspace(handle.db, { waitSeconds: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push((await customerWrites(t, harness.queues, ws.channelId)).conversationId);
    await waitFor(async () => (await runStates(ids)).filter((s) => s === 'waiting').length === 10);
    await harness.stopWorkerOnly();
    await new Promise((r) => setTimeout(r, 2500)); // every wait falls due while nobody runs
    await harness.restart();
    await waitFor(async () => (await runStates(ids)).every((s) => s === 'completed'), 20_000);
    for (const id of ids) {
      const c = await getConversation(t, id);
      expect(c.events.filter((e) => e.type === 'reassigned')).toHaveLength(1);
      expect(c.comments).toHaveLength(1);
    }
  });

  it('when Redis loses the timers, the reconciler rebuilds them from Postgres', async () => {
    const { ws, t } = await seedScenarioWorkspace(handle.db, { waitSeconds: 1 });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await customerWrites(t, harness.queues, ws.channelId)).conversationId);
    await waitFor(async () => (await runStates(ids)).filter((s) => s === 'waiting').length === 5);
    // Drop every delayed timer of this worker's queues, as a Redis flush would.
    const delayed = await harness.queues.waits.getDelayed();
    await Promise.all(delayed.map((j) => j.remove()));
    await waitFor(async () => (await runStates(ids)).every((s) => s === 'completed'), 20_000);
    for (const id of ids) expect((await getConversation(t, id)).events.filter((e) => e.type === 'reassigned')).toHaveLength(1);
  });
});
