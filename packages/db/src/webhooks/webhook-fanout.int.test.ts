import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { reassignIfNoReply } from '@baton/engine';
import { testDatabase, createTestWorkspace } from '../testing';
import { tenant } from '../tenancy/tenant';
import { createWorkflow } from '../workflows/create-workflow';
import { publishWorkflow } from '../workflows/publish-workflow';
import { receiveInboundMessage } from '../conversations/inbound/receive-inbound-message';
import { startRunsForEvents } from '../runs/start-runs-for-events';
import { createWebhookSubscription } from './manage-webhook-subscriptions';
import { recordWebhookEvent } from './record-webhook-event.sql';

const handle = testDatabase(3);
afterAll(() => handle.close());

async function waitingRun(events: Parameters<typeof createWebhookSubscription>[1]['events']) {
  const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Admin', role: 'admin' }, { name: 'Alice' }], teams: { Sales: ['Alice'], Support: ['Alice'] } });
  const t = tenant(handle.db, ws.workspaceId);
  const definition = reassignIfNoReply({ firstTeamId: ws.teams.Sales!, secondTeamId: ws.teams.Support!, duration: { amount: 1, unit: 'hours' } });
  const { id } = await createWorkflow(t, { name: 'Flow', definition }, ws.users.Admin!.id);
  await publishWorkflow(t, id, ws.users.Admin!.id);
  const sub = await createWebhookSubscription(t, { name: 'Runs', url: 'https://hooks.example.com/x', events }, null, { env: { BATON_ALLOW_PRIVATE_OUTBOUND: '1' } });
  const inbound = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'c1', name: 'Dana' }, text: 'hi' });
  const [started] = await startRunsForEvents(handle.db, inbound.outboxEventIds.map((eventId) => ({ workspaceId: ws.workspaceId, eventId })));
  const runId = started!.results[0]!.runId;
  const deliveries = async () =>
    (
      await handle.db.execute<{ event_type: string; event_id: string }>(
        sql`select event_type, event_id from webhook_deliveries where subscription_id = ${sub.id} order by created_at, event_type`,
      )
    ).rows;
  return { ws, runId, sub, deliveries };
}

describe('event webhooks: the fan-out triggers', () => {
  it('a run ending completed or failed is one event per ending; other updates are none', async () => {
    const { runId, deliveries } = await waitingRun(['run.failed', 'run.completed']);
    expect(await deliveries()).toEqual([]);
    await handle.db.execute(sql`update workflow_runs set status = 'failed', finished_at = now() where id = ${runId}`);
    // Same status again (e.g. an updated_at touch): not a new event.
    await handle.db.execute(sql`update workflow_runs set updated_at = now() where id = ${runId}`);
    expect((await deliveries()).map((d) => d.event_type)).toEqual(['run.failed']);
    // Retried and failed again later: a second, distinct run.failed.
    await handle.db.execute(sql`update workflow_runs set status = 'waiting', finished_at = null where id = ${runId}`);
    await handle.db.execute(sql`update workflow_runs set status = 'failed', finished_at = now() + interval '1 second' where id = ${runId}`);
    const after = await deliveries();
    expect(after.map((d) => d.event_type)).toEqual(['run.failed', 'run.failed']);
    expect(new Set(after.map((d) => d.event_id)).size).toBe(2);
  });

  it('only subscribed events of the subscription\'s own workspace are recorded, once per event', async () => {
    const a = await waitingRun(['conversation.opened']);
    const b = await waitingRun(['conversation.assigned']);
    expect((await a.deliveries()).map((d) => d.event_type)).toEqual(['conversation.opened']);
    expect((await b.deliveries()).map((d) => d.event_type)).toEqual(['conversation.assigned']);
  });

  it('application code can raise an event of the open list in its own transaction, recorded once', async () => {
    const { ws, deliveries } = await waitingRun(['run.completed']);
    const eventId = '00000000-0000-4000-8000-000000000001';
    for (let i = 0; i < 2; i++)
      await handle.db.transaction((tx) => recordWebhookEvent(tx, { workspaceId: ws.workspaceId, eventId, type: 'run.completed', data: { note: 'x' } }));
    expect(await deliveries()).toEqual([{ event_type: 'run.completed', event_id: eventId }]);
  });
});
