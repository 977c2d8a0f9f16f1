import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { roundRobinOnlineOnly, type WorkflowDefinition } from '@baton/engine';
import { createSlaPolicy, createWorkflow, publishWorkflow, tenant } from '@baton/db';
import { createTestWorkspace, testDatabase } from '@baton/db/testing';
import { customerWrites, startTestWorker, waitFor } from './test-harness';

const handle = testDatabase(2);
let worker: Awaited<ReturnType<typeof startTestWorker>>;
beforeAll(async () => {
  worker = await startTestWorker();
});
afterAll(async () => {
  await worker.stop();
  await handle.close();
});

/**
 * Issue #17: "an SLA warning triggers a reassignment before the breach". Sales' Alice gets the
 * conversation on opening; a workflow on `sla.warning` hands it to Support before the first
 * response target is missed. Everything runs through the real worker: the clock is planned
 * from the trigger-queued conversation, its timers are BullMQ delayed jobs, the warning starts
 * the workflow through the outbox.
 */
describe('an SLA warning', () => {
  it('starts a workflow that reassigns the conversation before the breach', { timeout: 60_000 }, async () => {
    const ws = await createTestWorkspace(handle.db, {
      members: [{ name: 'Admin', role: 'admin' }, { name: 'Alice' }, { name: 'Carol' }],
      teams: { Sales: ['Alice'], Support: ['Carol'] },
    });
    const t = tenant(handle.db, ws.workspaceId);
    // First response within 10 s, warning at 30 % (3 s): 7 s for the reassignment before the breach, even on loaded cores.
    await createSlaPolicy(t, { name: 'Fast', conditions: {}, targets: { firstResponseSeconds: 10 }, businessHours: null, warningPercent: 30 });
    const route = await createWorkflow(t, { name: 'Route to Sales', definition: roundRobinOnlineOnly({ teamId: ws.teams.Sales! }) }, null);
    await publishWorkflow(t, route.id, null);
    const onWarning: WorkflowDefinition = roundRobinOnlineOnly({ teamId: ws.teams.Support! });
    onWarning.trigger.config = { event: 'sla.warning', conditions: [] };
    const escalate = await createWorkflow(t, { name: 'Escalate on SLA warning', definition: onWarning }, null);
    await publishWorkflow(t, escalate.id, null);

    const inbound = await customerWrites(t, worker.queues, ws.channelId);
    const eventsOf = async (type: string) =>
      (
        await handle.db.execute<{ to_user_id: string | null; at: string }>(sql`
          select to_user_id, (extract(epoch from created_at) * 1000)::bigint as at from conversation_events
           where workspace_id = ${ws.workspaceId} and conversation_id = ${inbound.conversationId} and type::text = ${type}
           order by created_at, id`)
      ).rows.map((r) => ({ toUserId: r.to_user_id, at: Number(r.at) }));
    await waitFor(async () => (await eventsOf('assigned')).some((e) => e.toUserId === ws.users.Alice!.id));
    const [reassigned] = await waitFor(async () => {
      const rows = await eventsOf('reassigned');
      return rows.length ? rows : null;
    }, 30_000);
    expect(reassigned!.toUserId).toBe(ws.users.Carol!.id);
    const clockOf = async () =>
      (
        await handle.db.execute<{ warn_at: string; due_at: string; warned: boolean }>(sql`
          select (extract(epoch from warn_at) * 1000)::bigint as warn_at, (extract(epoch from due_at) * 1000)::bigint as due_at, warned_at is not null as warned
            from sla_clocks where workspace_id = ${ws.workspaceId} and conversation_id = ${inbound.conversationId} and kind = 'first_response'`)
      ).rows[0]!;
    const clock = await clockOf();
    expect(clock.warned).toBe(true);
    expect(reassigned!.at).toBeGreaterThanOrEqual(Number(clock.warn_at));
    expect(reassigned!.at).toBeLessThan(Number(clock.due_at));

    // The breach still fires (nobody replied), once, after the due time.
    const breached = await waitFor(async () => {
      const rows = await eventsOf('sla.breached');
      return rows.length ? rows : null;
    }, 30_000);
    expect(breached).toHaveLength(1);
    expect(breached[0]!.at).toBeGreaterThanOrEqual(Number(clock.due_at));
    expect(await eventsOf('sla.warning')).toHaveLength(1);
  });
});
