import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getConversation, resumeWaitingRun, sendReply, startRunsForEvent, receiveInboundMessage } from '@baton/db';
import { testDatabase } from '@baton/db/testing';
import { seedScenarioWorkspace } from './test-harness';

const handle = testDatabase(20);
afterAll(() => handle.close());

async function openAndAssign(t: Parameters<typeof startRunsForEvent>[0], channelId: string, i: number) {
  const inbound = await receiveInboundMessage(t, channelId, { contact: { externalId: `race-${i}-${Math.random()}` }, text: 'Hi' });
  const [run] = await startRunsForEvent(t, inbound.outboxEventIds[0]!);
  return { conversationId: inbound.conversationId, run: run! };
}

describe('a reply racing the timer', () => {
  let scenario: Awaited<ReturnType<typeof seedScenarioWorkspace>>;
  beforeAll(async () => {
    scenario = await seedScenarioWorkspace(handle.db, { waitSeconds: 1 });
  });

  it('a timer that fires while a reply holds the conversation waits for it and does not reassign', async () => {
    const { ws, t } = scenario;
    const { conversationId, run } = await openAndAssign(t, ws.channelId, 0);
    // Hold the conversation lock as a reply in progress would, then fire the timer.
    const replyClient = await handle.pool.connect();
    await replyClient.query('begin');
    await replyClient.query('select id from conversations where id = $1 for update', [conversationId]);
    await replyClient.query(
      `insert into messages (workspace_id, conversation_id, channel_id, direction, author_user_id, text)
       values ($1, $2, $3, 'outgoing', $4, 'On it')`,
      [ws.workspaceId, conversationId, ws.channelId, ws.users.Alice!.id],
    );
    await replyClient.query('update conversations set last_outgoing_at = now() where id = $1', [conversationId]);
    const timer = resumeWaitingRun(t, run.runId, run.wait!.waitSeq, { force: true });
    await new Promise((r) => setTimeout(r, 200));
    await replyClient.query('commit');
    replyClient.release();
    expect((await timer).outcome).toBe('resumed');
    const c = await getConversation(t, conversationId);
    expect(c.assigneeId).toBe(ws.users.Alice!.id);
    expect(c.events.map((e) => e.type)).toEqual(['opened', 'assigned']);
  });

  it('over many races, a reassignment only ever happens when the timer read before the reply committed', async () => {
    const { ws, t } = scenario;
    const rounds = 40;
    let reassignedCount = 0;
    for (let i = 1; i <= rounds; i++) {
      const { conversationId, run } = await openAndAssign(t, ws.channelId, i);
      // Fire the timer and the reply at the same instant, in either order.
      const jitter = Math.floor(Math.random() * 6);
      const timer = (async () => {
        await new Promise((r) => setTimeout(r, i % 2 ? jitter : 0));
        return resumeWaitingRun(t, run.runId, run.wait!.waitSeq, { force: true });
      })();
      const reply = (async () => {
        await new Promise((r) => setTimeout(r, i % 2 ? 0 : jitter));
        await sendReply(t, conversationId, { userId: ws.users.Alice!.id, text: `reply ${i}` });
        return Date.now();
      })();
      const [, replyCommittedAt] = await Promise.all([timer, reply]);
      const c = await getConversation(t, conversationId);
      const reassigned = c.events.filter((e) => e.type === 'reassigned');
      expect(reassigned.length).toBeLessThanOrEqual(1);
      if (reassigned.length === 1) {
        reassignedCount++;
        // The branch read the conversation (under the lock) before the reply was committed.
        const rows = await handle.db.execute<{ started_at: Date }>(
          sql`select started_at from run_steps where run_id = ${run.runId} and step_type = 'branch'`,
        );
        expect(new Date(rows.rows[0]!.started_at).getTime()).toBeLessThanOrEqual(replyCommittedAt);
        expect(c.assigneeId).toBe(ws.users.Carol!.id);
      } else {
        expect(c.assigneeId).toBe(ws.users.Alice!.id);
        expect(c.comments).toHaveLength(0);
      }
    }
    // Both orders must actually have occurred for the test to mean something.
    expect(reassignedCount).toBeLessThan(rounds);
  });
});
