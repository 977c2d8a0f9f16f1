import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConversation } from '@baton/db';
import { testDatabase } from '@baton/db/testing';
import { startTestWorker, seedScenarioWorkspace, customerWrites, waitFor } from './test-harness';
import { sql } from 'drizzle-orm';

const handle = testDatabase(10);
let harness: Awaited<ReturnType<typeof startTestWorker>>;
beforeAll(async () => {
  harness = await startTestWorker();
});
afterAll(async () => {
  await harness.stop();
  await handle.close();
});

describe('duplicate wait deliveries', () => {
  it('the same wait delivered three times under different job ids reassigns and comments once', async () => {
    const { ws, t } = await seedScenarioWorkspace(handle.db, { waitSeconds: 1 });
    const inbound = await customerWrites(t, harness.queues, ws.channelId);
    await waitFor(async () => (await getConversation(t, inbound.conversationId)).assigneeId);
    const [run] = (
      await handle.db.execute<{ id: string; wait_seq: number }>(
        sql`select id, wait_seq from workflow_runs where conversation_id = ${inbound.conversationId}`,
      )
    ).rows;
    const data = { workspaceId: ws.workspaceId, runId: run!.id, waitSeq: run!.wait_seq };
    await Promise.all(
      ['dup-a', 'dup-b', 'dup-c'].map((suffix) => harness.queues.waits.add('wait', data, { jobId: `${suffix}-${run!.id}`, delay: 1000 })),
    );
    await waitFor(async () => {
      const conv = await getConversation(t, inbound.conversationId);
      return conv.comments.length > 0 ? conv : null;
    });
    await new Promise((r) => setTimeout(r, 1500));
    // Checked on a read taken after the other deliveries had their chance: getConversation
    // reads the row and the comments in separate statements, so a read racing the commit
    // could see the comment and the assignee from before it (the write itself is one statement).
    const final = await getConversation(t, inbound.conversationId);
    expect(final.events.filter((e) => e.type === 'reassigned')).toHaveLength(1);
    expect(final.comments).toHaveLength(1);
    expect(final.assigneeId).toBe(ws.users.Carol!.id);
  });
});
