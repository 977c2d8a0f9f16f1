import { afterAll, describe, expect, it } from 'vitest';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { testDatabase, createTestWorkspace } from '../testing';
import { tenant } from '../tenancy/tenant';
import { receiveInboundMessage } from '../conversations/inbound/receive-inbound-message';
import { closeConversation } from '../conversations/close-conversation';
import { slaClocks, slaRecomputeRequests, slaSyncQueue } from '../schema';
import { createSlaPolicy, updateSlaPolicy } from './manage-sla-policies';
import { syncSlaClocks } from './sync-sla-clocks.sql';
import { advanceSlaRecompute } from './advance-sla-recompute.sql';

const handle = testDatabase(2);
afterAll(() => handle.close());
const db = handle.db;

const BATCH = 3;

/**
 * Issue #17 item 5: a changed policy re-plans every open conversation's clocks in bounded
 * batches. The walk is cross-tenant like the worker (another test file's worker may take some
 * steps of it); every step this test takes queues at most BATCH conversations, and at the end
 * every open conversation runs on the new target and the closed one is left alone.
 */
describe('a changed SLA policy', () => {
  it('re-plans the open clocks a bounded batch per step, and leaves closed conversations alone', { timeout: 60_000 }, async () => {
    const ws = await createTestWorkspace(db, { members: [{ name: 'Admin', role: 'admin' }, { name: 'Alice' }] });
    const t = tenant(db, ws.workspaceId);
    const { id: policyId } = await createSlaPolicy(t, { name: 'Standard', conditions: {}, targets: { firstResponseSeconds: 600 }, businessHours: null, warningPercent: 80 });
    const opened = [];
    for (let i = 0; i < 2 * BATCH + 1; i++)
      opened.push((await receiveInboundMessage(t, ws.channelId, { contact: { externalId: `walk-${i}` }, text: 'hello' })).conversationId);
    const closed = (await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'walk-closed' }, text: 'bye' })).conversationId;

    const steps: number[] = [];
    const drain = async () => {
      for (let i = 0; i < 500; i++) {
        const mine = await db.select().from(slaRecomputeRequests).where(eq(slaRecomputeRequests.workspaceId, ws.workspaceId));
        const queued = await db.select().from(slaSyncQueue).where(eq(slaSyncQueue.workspaceId, ws.workspaceId)).limit(1);
        if (mine.length === 0 && queued.length === 0) return;
        steps.push(await advanceSlaRecompute(db, BATCH));
        await syncSlaClocks(db, BATCH);
      }
      throw new Error('the re-planning walk did not finish');
    };
    await drain();
    await closeConversation(t, closed, { type: 'user', userId: ws.users.Alice!.id });
    await drain();
    const firstResponse = async () =>
      db
        .select()
        .from(slaClocks)
        .where(and(eq(slaClocks.workspaceId, ws.workspaceId), eq(slaClocks.kind, 'first_response')))
        .orderBy(asc(slaClocks.conversationId), asc(slaClocks.startedAt));
    const before = await firstResponse();
    expect(before.filter((c) => c.stoppedAt === null).map((c) => c.conversationId).sort()).toEqual([...opened].sort());
    const closedClock = before.find((c) => c.conversationId === closed)!;
    expect(closedClock.stoppedAt).not.toBeNull();

    steps.length = 0;
    await updateSlaPolicy(t, policyId, { name: 'Standard', conditions: {}, targets: { firstResponseSeconds: 1200 }, businessHours: null, warningPercent: 80 });
    await drain();
    expect(steps.length).toBeGreaterThan(0);
    expect(Math.max(...steps)).toBeLessThanOrEqual(BATCH);

    const after = await firstResponse();
    const running = after.filter((c) => c.stoppedAt === null);
    expect(running.map((c) => c.conversationId).sort()).toEqual([...opened].sort());
    for (const c of running) {
      expect(c.dueAt!.getTime() - c.startedAt.getTime()).toBe(1_200_000);
      expect(c.seq).toBe(before.find((b) => b.id === c.id)!.seq + 1);
    }
    // The closed conversation's clock is as it was: not re-planned, not restarted.
    expect(after.filter((c) => c.conversationId === closed)).toEqual([closedClock]);
    expect(await db.select().from(slaClocks).where(and(eq(slaClocks.conversationId, closed), isNull(slaClocks.stoppedAt)))).toEqual([]);
  });
});
