import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { createQueuedTeamWorkspace, testDatabase } from '../testing';
import { tenant } from '../tenancy/tenant';
import { alertLongQueueWaits } from './alert-long-queue-waits.sql';
import { setQueueAlertMinutes } from './queue-alert-setting';
import { listNotifications } from './list-notifications';
import { NOTIFICATION_CHANNEL } from './listen-for-notifications';

const handle = testDatabase(4);
afterAll(() => handle.close());

async function queuedWorkspace() {
  const { ws, t, queue: queueOne } = await createQueuedTeamWorkspace(handle.db, {
    members: [{ name: 'Admin', role: 'admin' }, { name: 'Lee', role: 'lead' }, { name: 'Al' }, { name: 'Off', availability: 'offline' }],
    teams: { Sales: ['Off'] },
  });
  const queue = async (externalId: string) => {
    const r = await queueOne(externalId, { name: externalId });
    return { conversationId: r.conversationId, runId: r.runId };
  };
  // Moves a queued run's arrival back in time (the queue's `since` is the database clock, ms).
  const age = (runId: string, minutes: number) =>
    handle.db.execute(sql`
      update workflow_runs set state = jsonb_set(state, '{queue,since}', to_jsonb(((state->'queue'->>'since')::bigint - ${minutes * 60_000})))
       where id = ${runId}`);
  return { ws, t, queue, age };
}

const queueAlerts = async (t: ReturnType<typeof tenant>, userId: string) =>
  (await listNotifications(t, userId)).items.filter((n) => n.kind === 'queue_waiting');

describe('lead alert: a queued conversation waiting longer than the workspace allows', () => {
  it('notifies leads, admins and owners once per conversation, not agents; none before the limit; none without the setting', async () => {
    const { ws, t, queue, age } = await queuedWorkspace();
    const late = await queue('Dana');
    const fresh = await queue('Eve');
    await age(late.runId, 20);
    // No setting: nothing.
    await alertLongQueueWaits(handle.db);
    expect(await queueAlerts(t, ws.users.Lee!.id)).toEqual([]);

    await setQueueAlertMinutes(t, 15);
    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    const pushed: string[] = [];
    listener.on('notification', (n) => pushed.push(n.payload ?? ''));
    await listener.connect();
    await listener.query(`LISTEN ${NOTIFICATION_CHANNEL}`);
    try {
      await alertLongQueueWaits(handle.db);
      await alertLongQueueWaits(handle.db); // a second sweep: nothing new
      for (const deadline = Date.now() + 10_000; !pushed.includes(`${ws.workspaceId}:${ws.users.Lee!.id}`) && Date.now() < deadline; )
        await new Promise((r) => setTimeout(r, 20));
      expect(pushed).toContain(`${ws.workspaceId}:${ws.users.Lee!.id}`);
    } finally {
      await listener.end();
    }
    for (const who of ['Lee', 'Admin']) {
      const alerts = await queueAlerts(t, ws.users[who]!.id);
      expect(alerts.map((a) => [a.conversationId, a.text])).toEqual([[late.conversationId, 'Waiting in the Sales queue for over 15 min']]);
    }
    expect(await queueAlerts(t, ws.users.Al!.id)).toEqual([]);

    // The other one crosses the limit later: its own alert, once.
    await age(fresh.runId, 16);
    await alertLongQueueWaits(handle.db);
    await alertLongQueueWaits(handle.db);
    expect((await queueAlerts(t, ws.users.Lee!.id)).map((a) => a.conversationId).sort()).toEqual([late.conversationId, fresh.conversationId].sort());
  });

  it('refuses minutes outside 1 to 10080, naming the field', async () => {
    const { t } = await queuedWorkspace();
    await expect(setQueueAlertMinutes(t, 0)).rejects.toMatchObject({ code: 'invalid', details: { field: 'queueAlertMinutes' } });
    await expect(setQueueAlertMinutes(t, 10_081)).rejects.toMatchObject({ code: 'invalid' });
  });
});
