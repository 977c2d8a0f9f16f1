import { afterAll, describe, expect, it } from 'vitest';
import { and, asc, eq, sql } from 'drizzle-orm';
import { weekdays } from '@baton/engine';
import { testDatabase, createTestWorkspace } from '../testing';
import { tenant } from '../tenancy/tenant';
import { receiveInboundMessage } from '../conversations/inbound/receive-inbound-message';
import { sendReply } from '../conversations/send-reply';
import { closeConversation } from '../conversations/close-conversation';
import { reopenConversation } from '../conversations/reopen-conversation';
import { conversationEvents, conversations, outboxEvents, slaClocks, slaPolicies, slaSyncQueue } from '../schema';
import { saveSchedule } from '../schedules/save-schedule';
import { setWorkspaceTimeZone } from '../schedules/time-zones';
import { createSlaPolicy, listSlaPolicies, moveSlaPolicy, updateSlaPolicy } from './manage-sla-policies';
import { syncSlaClocks } from './sync-sla-clocks.sql';
import { fireSlaTimer, fireSlaTimers } from './fire-sla-timer.sql';
import { advanceSlaRecompute } from './advance-sla-recompute.sql';
import { listInbox } from '../inbox/list-inbox';
import { getInboxConversation } from '../inbox/get-inbox-conversation';

const handle = testDatabase(2);
afterAll(() => handle.close());
const db = handle.db;

const policy = (over: Record<string, unknown> = {}) => ({
  name: 'Standard',
  conditions: {},
  targets: { firstResponseSeconds: 600, resolutionSeconds: 3600 },
  businessHours: null,
  warningPercent: 80,
  ...over,
});

async function clocksOf(conversationId: string) {
  return db.select().from(slaClocks).where(eq(slaClocks.conversationId, conversationId)).orderBy(asc(slaClocks.kind), asc(slaClocks.startedAt));
}

/**
 * Drains the whole re-planning queue (other test files' workspaces included: it is
 * cross-tenant like the worker, and a parallel test file's worker may drain it first — the
 * clocks come out the same whoever plans them).
 */
async function syncAll() {
  for (;;) {
    const recomputed = await advanceSlaRecompute(db);
    const r = await syncSlaClocks(db);
    if (recomputed === 0 && r.synced === 0 && (await db.select().from(slaSyncQueue).limit(1)).length === 0) return;
  }
}

async function workspace() {
  const ws = await createTestWorkspace(db, { members: [{ name: 'Admin', role: 'admin' }, { name: 'Alice' }], teams: { Sales: ['Alice'] } });
  return { ws, t: tenant(db, ws.workspaceId) };
}

describe('SLA policies: bad input saves nothing', () => {
  it('refuses a zero target, a warning share outside (0, 100) and an unknown schedule, naming the field', async () => {
    const { t } = await workspace();
    const other = await workspace();
    const fieldOf = async (p: unknown) => {
      try {
        await createSlaPolicy(t, p);
        return 'saved';
      } catch (e) {
        const err = e as { issues?: Array<{ path: unknown[] }>; details?: { field?: string } };
        return err.issues ? err.issues.map((i) => i.path.join('.')).join() : err.details?.field;
      }
    };
    expect(await fieldOf(policy({ targets: { firstResponseSeconds: 0 } }))).toBe('targets.firstResponseSeconds');
    expect(await fieldOf(policy({ targets: { resolutionSeconds: -60 } }))).toBe('targets.resolutionSeconds');
    expect(await fieldOf(policy({ warningPercent: 100 }))).toBe('warningPercent');
    expect(await fieldOf(policy({ warningPercent: 0 }))).toBe('warningPercent');
    // Another workspace's team is an unknown schedule here.
    expect(await fieldOf(policy({ businessHours: { type: 'team', teamId: other.ws.teams.Sales } }))).toBe('businessHours');
    expect(await listSlaPolicies(t)).toEqual([]);
  });

  it('orders policies: new ones go last, move swaps neighbours, and another workspace cannot touch them', async () => {
    const { t } = await workspace();
    const other = await workspace();
    const a = await createSlaPolicy(t, policy({ name: 'A' }));
    await createSlaPolicy(t, policy({ name: 'B' }));
    await moveSlaPolicy(t, a.id, 'down');
    expect((await listSlaPolicies(t)).map((p) => p.name)).toEqual(['B', 'A']);
    await expect(updateSlaPolicy(other.t, a.id, policy({ name: 'stolen' }))).rejects.toThrow('SLA policy not found');
    expect((await db.select().from(slaPolicies).where(eq(slaPolicies.id, a.id)))[0]!.name).toBe('A');
  });
});

describe('SLA clocks', () => {
  it('an opened conversation gets clocks; an agent reply stops first response; closing stops resolution; a reopen starts new ones', async () => {
    const { ws, t } = await workspace();
    await createSlaPolicy(t, policy({ targets: { firstResponseSeconds: 600, nextResponseSeconds: 300, resolutionSeconds: 3600 } }));
    await syncAll();
    const m = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'sla-1' }, text: 'help' });
    await syncAll();
    let clocks = await clocksOf(m.conversationId);
    expect(clocks.map((c) => [c.kind, c.stoppedAt, c.dueAt!.getTime() - c.startedAt.getTime(), c.warnAt!.getTime() - c.startedAt.getTime()])).toEqual([
      ['first_response', null, 600_000, 480_000],
      ['resolution', null, 3_600_000, 2_880_000],
    ]);
    const [conv] = await db.select().from(conversations).where(eq(conversations.id, m.conversationId));
    expect(conv!.slaDueAt!.getTime()).toBe(clocks[0]!.dueAt!.getTime());

    const reply = await sendReply(t, m.conversationId, { userId: ws.users.Alice!.id, text: 'on it' });
    await syncAll();
    clocks = await clocksOf(m.conversationId);
    const [replyRow] = (await db.execute<{ created_at: string }>(sql`select created_at from messages where id = ${reply.messageId}`)).rows;
    expect(clocks[0]!.kind).toBe('first_response');
    expect(clocks[0]!.stoppedAt!.getTime()).toBe(new Date(replyRow!.created_at).getTime());
    expect(clocks[1]!.stoppedAt).toBeNull();

    // The customer writes again: next response runs from that message.
    await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'sla-1' }, text: 'still there?' });
    await syncAll();
    clocks = await clocksOf(m.conversationId);
    expect(clocks.map((c) => [c.kind, c.stoppedAt === null])).toEqual([
      ['first_response', false],
      ['next_response', true],
      ['resolution', true],
    ]);

    await closeConversation(t, m.conversationId, { type: 'user', userId: ws.users.Alice!.id });
    await syncAll();
    clocks = await clocksOf(m.conversationId);
    expect(clocks.every((c) => c.stoppedAt !== null)).toBe(true);
    expect((await db.select().from(conversations).where(eq(conversations.id, m.conversationId)))[0]!.slaDueAt).toBeNull();

    await reopenConversation(t, m.conversationId, { type: 'api' });
    await syncAll();
    clocks = await clocksOf(m.conversationId);
    expect(clocks.filter((c) => c.stoppedAt === null).map((c) => c.kind)).toEqual(['first_response', 'resolution']);
  });

  it("pause while waiting on the customer: the agent's reply pauses resolution (no due, no timer); the customer's reply resumes it with the wait added", async () => {
    const { ws, t } = await workspace();
    await createSlaPolicy(t, policy({ pauseWhileWaitingOnCustomer: true, targets: { resolutionSeconds: 3600 } }));
    await syncAll();
    const m = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'sla-pause' }, text: 'help' });
    await syncAll();
    const reply = await sendReply(t, m.conversationId, { userId: ws.users.Alice!.id, text: 'Could you send the invoice number?' });
    await syncAll();
    const at = async (messageId: string) =>
      new Date((await db.execute<{ created_at: string }>(sql`select created_at from messages where id = ${messageId}`)).rows[0]!.created_at).getTime();
    const replyAt = await at(reply.messageId);
    let [resolution] = await clocksOf(m.conversationId);
    expect(resolution).toMatchObject({ kind: 'resolution', stoppedAt: null, dueAt: null, warnAt: null });
    expect(resolution!.pausedAt!.getTime()).toBe(replyAt);
    expect((await db.select().from(conversations).where(eq(conversations.id, m.conversationId)))[0]!.slaDueAt).toBeNull();
    // The inbox says it is paused (no due time to count down), in the list and in the pane.
    const admin = { userId: ws.users.Admin!.id, role: 'admin' as const };
    const listed = async () => (await listInbox(t, admin, { view: 'all' })).items.find((i) => i.id === m.conversationId)!;
    expect(await listed()).toMatchObject({ slaDueAt: null, slaPaused: true });
    expect((await getInboxConversation(t, admin, m.conversationId)).sla).toEqual({ dueAt: null, paused: true });

    const back = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'sla-pause' }, text: 'INV-42' });
    await syncAll();
    const backAt = await at(back.messageId);
    [resolution] = await clocksOf(m.conversationId);
    expect(resolution!.pausedAt).toBeNull();
    // The hour counted only outside the wait: due later by exactly the wait.
    expect(resolution!.dueAt!.getTime()).toBe(resolution!.startedAt.getTime() + 3_600_000 + (backAt - replyAt));
    expect(await listed()).toMatchObject({ slaDueAt: resolution!.dueAt, slaPaused: false });
    expect((await getInboxConversation(t, admin, m.conversationId)).sla).toEqual({ dueAt: resolution!.dueAt, paused: false });
  });

  it('clocks pause outside business hours: opened while closed, the target counts from the opening', async () => {
    const { ws, t } = await workspace();
    await setWorkspaceTimeZone(t, 'UTC');
    const [{ now }] = (await db.execute<{ now: string }>(sql`select (extract(epoch from clock_timestamp()) * 1000)::bigint as now`)).rows as [{ now: string }];
    // Open for one hour from the next whole minute at least 2 minutes away; closed until then.
    let opensAt = new Date(Math.ceil((Number(now) + 120_000) / 60_000) * 60_000);
    // Late in the UTC day the hour (and the retimed stretch below) would not fit before midnight: open at 00:05 tomorrow instead.
    if (opensAt.getUTCHours() * 60 + opensAt.getUTCMinutes() > 23 * 60 + 40)
      opensAt = new Date(Date.UTC(opensAt.getUTCFullYear(), opensAt.getUTCMonth(), opensAt.getUTCDate() + 1, 0, 5));
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    const end = new Date(opensAt.getTime() + 3_600_000);
    const sameDay = end.getUTCDate() === opensAt.getUTCDate();
    const weekday = weekdays[(opensAt.getUTCDay() + 6) % 7]!;
    await saveSchedule(t, {
      teamId: null,
      timeZone: null,
      weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], [weekday]: [{ start: hhmm(opensAt), end: sameDay ? hhmm(end) : '24:00' }] },
      holidays: [],
    });
    await createSlaPolicy(t, policy({ targets: { firstResponseSeconds: 600 }, businessHours: { type: 'workspace' }, warningPercent: 50 }));
    const m = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'night' }, text: 'hello?' });
    await syncAll();
    const [clock] = await clocksOf(m.conversationId);
    expect(clock!.startedAt.getTime()).toBeLessThan(opensAt.getTime());
    expect(clock!.dueAt!.getTime()).toBe(opensAt.getTime() + 600_000);
    expect(clock!.warnAt!.getTime()).toBe(opensAt.getTime() + 300_000);

    // Item 5: changing the hours retimes the running clock (a new timer generation).
    const later = new Date(opensAt.getTime() + 5 * 60_000);
    await saveSchedule(t, {
      teamId: null,
      timeZone: null,
      weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], [weekday]: [{ start: hhmm(later), end: '24:00' }] },
      holidays: [],
    });
    await syncAll();
    const [retimed] = await clocksOf(m.conversationId);
    expect(retimed!.dueAt!.getTime()).toBe(later.getTime() + 600_000);
    expect(retimed!.seq).toBe(clock!.seq + 1);
  });

  it('a warning and a breach fire exactly once, and a timer of an old generation does nothing', async () => {
    const { ws, t } = await workspace();
    await createSlaPolicy(t, policy({ targets: { firstResponseSeconds: 1 }, warningPercent: 50 }));
    const m = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'fast' }, text: 'quick' });
    await syncAll();
    const [clock] = await clocksOf(m.conversationId);
    const ref = { workspaceId: ws.workspaceId, clockId: clock!.id, seq: clock!.seq };
    await new Promise((r) => setTimeout(r, Math.max(0, clock!.dueAt!.getTime() - Date.now()) + 50));
    // A generation that is not the clock's (0 never is: clocks start at 1) does nothing.
    expect((await fireSlaTimer(db, { ...ref, seq: 0, phase: 'warning' })).outcome).toBe('stale');
    // A worker of a parallel test file may hold these timers too (the sync is cross-tenant):
    // whoever fires a phase first wins and every other attempt is stale. Fire until both
    // phases have fired (by us or by it), then each event must exist exactly once.
    const outcomes: Record<'warning' | 'breach', string[]> = { warning: [], breach: [] };
    const deadline = Date.now() + 20_000;
    for (;;) {
      const [now] = await db.select().from(slaClocks).where(eq(slaClocks.id, clock!.id));
      if (now!.warnedAt && now!.breachedAt) break;
      if (Date.now() > deadline) throw new Error(`not fired: ${JSON.stringify({ now, outcomes })}`);
      const current = { ...ref, seq: now!.seq };
      const fired = await Promise.all([fireSlaTimer(db, { ...current, phase: 'warning' }), fireSlaTimer(db, { ...current, phase: 'warning' })]);
      for (const r of fired) {
        outcomes.warning.push(r.outcome);
        if (r.outcome === 'fired') expect(r.next?.phase).toBe('breach');
      }
      outcomes.breach.push((await fireSlaTimer(db, { ...current, phase: 'breach' })).outcome);
      outcomes.breach.push((await fireSlaTimer(db, { ...current, phase: 'breach' })).outcome);
      if (!(now!.warnedAt && now!.breachedAt)) await new Promise((r) => setTimeout(r, 100));
    }
    expect(outcomes.warning.filter((o) => o === 'fired').length, JSON.stringify(outcomes)).toBeLessThanOrEqual(1);
    expect(outcomes.breach.filter((o) => o === 'fired').length, JSON.stringify(outcomes)).toBeLessThanOrEqual(1);
    const events = await db
      .select({ type: conversationEvents.type })
      .from(conversationEvents)
      .where(and(eq(conversationEvents.conversationId, m.conversationId), sql`${conversationEvents.type}::text like 'sla.%'`))
      .orderBy(asc(conversationEvents.createdAt));
    expect(events.map((e) => e.type).sort()).toEqual(['sla.breached', 'sla.warning']);
    const outbox = await db.select({ type: outboxEvents.type }).from(outboxEvents).where(and(eq(outboxEvents.conversationId, m.conversationId), sql`${outboxEvents.type}::text like 'sla.%'`));
    expect(outbox.map((o) => o.type).sort()).toEqual(['sla.breached', 'sla.warning']);
  });
});

describe('SLA timers fired in a batch (one transaction, as the worker fires timers due together)', () => {
  it('fires each due phase once across workspaces; a duplicate, an old generation and a not-yet-due timer in the same batch do nothing', async () => {
    const a = await workspace();
    const b = await workspace();
    for (const { t } of [a, b]) await createSlaPolicy(t, policy({ targets: { firstResponseSeconds: 1, resolutionSeconds: 3600 }, warningPercent: 50 }));
    const ma = await receiveInboundMessage(a.t, a.ws.channelId, { contact: { externalId: 'batch-a' }, text: 'hi' });
    const mb = await receiveInboundMessage(b.t, b.ws.channelId, { contact: { externalId: 'batch-b' }, text: 'hi' });
    await syncAll();
    const firstResponse = async (conversationId: string) => (await clocksOf(conversationId)).find((c) => c.kind === 'first_response')!;
    const resolution = async (conversationId: string) => (await clocksOf(conversationId)).find((c) => c.kind === 'resolution')!;
    const [ca, cb, ra] = [await firstResponse(ma.conversationId), await firstResponse(mb.conversationId), await resolution(ma.conversationId)];
    await new Promise((r) => setTimeout(r, Math.max(0, ca.dueAt!.getTime() - Date.now(), cb.dueAt!.getTime() - Date.now()) + 50));
    const ref = (c: typeof ca, ws: typeof a, phase: 'warning' | 'breach', seq = c.seq) => ({ workspaceId: ws.ws.workspaceId, clockId: c.id, seq, phase });
    const results = await fireSlaTimers(db, [
      ref(ca, a, 'warning'),
      ref(ca, a, 'warning'), // duplicate delivery in the same batch
      ref(ca, a, 'breach'), // the same clock's breach, also due
      ref(cb, b, 'warning', 0), // an old generation
      ref(cb, b, 'breach'),
      ref(ra, a, 'warning'), // resolution: due in an hour
    ]);
    // A worker of a parallel test file may have fired some first (the sync is cross-tenant):
    // then ours are stale, never a second firing.
    const outcomes = results.map((r) => r.outcome);
    expect(outcomes[1]).not.toBe('fired');
    expect(outcomes[3]).toBe('stale');
    expect(outcomes[5]).toBe('early');
    if (outcomes[0] === 'fired' && outcomes[2] === 'fired') {
      expect(results[0]).toMatchObject({ next: null }); // the breach in the same batch carries the clock's next timer
      expect(results[2]).toMatchObject({ next: null }); // …which, after a breach, is none
    }
    const eventsOf = async (conversationId: string) =>
      (await db.select({ type: conversationEvents.type }).from(conversationEvents).where(and(eq(conversationEvents.conversationId, conversationId), sql`${conversationEvents.type}::text like 'sla.%'`))).map((e) => e.type).sort();
    const outboxOf = async (conversationId: string) =>
      (await db.select({ type: outboxEvents.type }).from(outboxEvents).where(and(eq(outboxEvents.conversationId, conversationId), sql`${outboxEvents.type}::text like 'sla.%'`))).map((e) => e.type).sort();
    expect(await eventsOf(ma.conversationId)).toEqual(['sla.breached', 'sla.warning']);
    expect(await outboxOf(ma.conversationId)).toEqual(['sla.breached', 'sla.warning']);
    expect(await eventsOf(mb.conversationId)).toEqual(['sla.breached']);
    const [after] = await db.select().from(slaClocks).where(eq(slaClocks.id, ca.id));
    expect(after!.warnedAt && after!.breachedAt).toBeTruthy();
    // Fired again (a redelivered batch): nothing more.
    const again = await fireSlaTimers(db, [ref(ca, a, 'warning'), ref(ca, a, 'breach'), ref(cb, b, 'breach')]);
    expect(again.map((r) => r.outcome)).toEqual(['stale', 'stale', 'stale']);
    expect(await eventsOf(ma.conversationId)).toEqual(['sla.breached', 'sla.warning']);
  });
});

describe('concurrent deliveries of one SLA timer', () => {
  it('fire it exactly once (the second waits on the conversation lock and must see the first firing)', async () => {
    const { ws, t } = await workspace();
    await createSlaPolicy(t, policy({ targets: { firstResponseSeconds: 1 }, warningPercent: 50 }));
    const opened = [];
    for (let i = 0; i < 8; i++) opened.push(await receiveInboundMessage(t, ws.channelId, { contact: { externalId: `race-${i}` }, text: 'hi' }));
    await syncAll();
    const clocks = (await Promise.all(opened.map((m) => clocksOf(m.conversationId)))).map((cs) => cs.find((c) => c.kind === 'first_response')!);
    await new Promise((r) => setTimeout(r, Math.max(0, ...clocks.map((c) => c.warnAt!.getTime() - Date.now())) + 50));
    const racing = testDatabase(6);
    try {
      for (const c of clocks) {
        const ref = { workspaceId: ws.workspaceId, clockId: c.id, seq: c.seq, phase: 'warning' as const };
        const outcomes = (await Promise.all([0, 1, 2].map(() => fireSlaTimer(racing.db, ref)))).map((r) => r.outcome);
        // A parallel test file's worker may have fired it first: then all three are stale.
        expect(outcomes.filter((o) => o === 'fired').length, JSON.stringify(outcomes)).toBeLessThanOrEqual(1);
        const events = await db
          .select({ type: outboxEvents.type })
          .from(outboxEvents)
          .where(and(eq(outboxEvents.conversationId, c.conversationId), sql`${outboxEvents.type}::text = 'sla.warning'`));
        expect(events).toHaveLength(1);
      }
    } finally {
      await racing.close();
    }
  });
});
