import { afterAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { testDatabase, createTestWorkspace } from '../testing';
import { tenant } from '../tenancy/tenant';
import { receiveInboundMessage } from '../conversations/inbound/receive-inbound-message';
import { sendReply } from '../conversations/send-reply';
import { slaClocks } from '../schema';
import { createSlaPolicy } from '../sla/manage-sla-policies';
import { syncSlaClocks } from '../sla/sync-sla-clocks.sql';
import { fireSlaTimer } from '../sla/fire-sla-timer.sql';
import { getSlaAttainment, listSlaBreaches } from './get-sla-attainment.sql';

const handle = testDatabase(2);
afterAll(() => handle.close());
const db = handle.db;

async function clocksOf(conversationId: string) {
  for (let i = 0; i < 100; i++) {
    await syncSlaClocks(db);
    const rows = await db.select().from(slaClocks).where(eq(slaClocks.conversationId, conversationId)).orderBy(asc(slaClocks.kind));
    if (rows.length) return rows;
  }
  throw new Error('no clocks planned');
}

describe('SLA attainment', () => {
  it('counts met and breached clocks per day, team and agent, and lists breaches with their conversation', { timeout: 60_000 }, async () => {
    const ws = await createTestWorkspace(db, { members: [{ name: 'Admin', role: 'admin' }, { name: 'Alice' }] });
    const t = tenant(db, ws.workspaceId);
    await createSlaPolicy(t, { name: 'Urgent', conditions: { priorities: ['urgent'] }, targets: { firstResponseSeconds: 1 }, businessHours: null, warningPercent: 50 });
    await createSlaPolicy(t, { name: 'Everyone else', conditions: {}, targets: { firstResponseSeconds: 3600 }, businessHours: null, warningPercent: 80 });
    const from = new Date(Date.now() - 3_600_000);

    const calm = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'calm', name: 'Calm' }, text: 'hi' });
    await clocksOf(calm.conversationId);
    await sendReply(t, calm.conversationId, { userId: ws.users.Alice!.id, text: 'hello' });
    const hurried = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'hurried', name: 'Hurried' }, text: 'now!', priority: 'urgent' });
    const [clock] = await clocksOf(hurried.conversationId);
    await new Promise((r) => setTimeout(r, Math.max(0, clock!.dueAt!.getTime() - Date.now()) + 50));
    // A worker of a parallel test file may fire it first: either way it breaches once.
    await fireSlaTimer(db, { workspaceId: ws.workspaceId, clockId: clock!.id, seq: clock!.seq, phase: 'warning' });
    await fireSlaTimer(db, { workspaceId: ws.workspaceId, clockId: clock!.id, seq: clock!.seq, phase: 'breach' });
    for (let i = 0; i < 100; i++) {
      await syncSlaClocks(db);
      const [calmClock] = await db.select().from(slaClocks).where(eq(slaClocks.conversationId, calm.conversationId));
      if (calmClock?.stoppedAt) break;
    }

    const period = { from, to: new Date(Date.now() + 60_000), timeZone: 'UTC' };
    const rows = await getSlaAttainment(t, period);
    const total = (dimension: 'team' | 'agent') =>
      rows.filter((r) => r.dimension === dimension).reduce((a, r) => ({ met: a.met + r.met, breached: a.breached + r.breached }), { met: 0, breached: 0 });
    expect(total('team')).toEqual({ met: 1, breached: 1 });
    expect(total('agent')).toEqual({ met: 1, breached: 1 });
    expect(rows.find((r) => r.dimension === 'team')!.name).toBe('No team');

    const breaches = await listSlaBreaches(t, period);
    expect(breaches.map((b) => [b.conversationId, b.contactName, b.kind])).toEqual([[hurried.conversationId, 'Hurried', 'first_response']]);
    // Another workspace sees none of it.
    const other = await createTestWorkspace(db, { members: [{ name: 'Other', role: 'admin' }] });
    expect(await listSlaBreaches(tenant(db, other.workspaceId), period)).toEqual([]);
    expect(await getSlaAttainment(tenant(db, other.workspaceId), period)).toEqual([]);
  });
});
