import { afterAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { reassignIfNoReply, weekdays } from '@baton/engine';
import { testDatabase, createTestWorkspace } from '../testing';
import { tenant } from '../tenancy/tenant';
import { createWorkflow } from '../workflows/create-workflow';
import { publishWorkflow } from '../workflows/publish-workflow';
import { receiveInboundMessage } from '../conversations/inbound/receive-inbound-message';
import { comments, conversationEvents, conversations, workflowRuns } from '../schema';
import { startRunsForEvents } from '../runs/start-runs-for-events';
import { resumeWaitingRuns } from '../runs/resume-waiting-runs';
import { loadCatalog } from '../workflows/load-catalog';
import { saveSchedule } from './save-schedule';
import { setWorkspaceTimeZone } from './time-zones';

const handle = testDatabase(2);
afterAll(() => handle.close());

const hhmm = (d: Date) => d.toISOString().slice(11, 16);

/**
 * "Opened on Friday 18:05 in a team closed until Monday 09:00" with the real database clock:
 * the team's only opening is the next whole minute at least 3 s from now (schedules are
 * minute-grained), so the closed stretch before it is the weekend of the scenario, shortened.
 * The arithmetic across real weekends and DST is the engine's unit and property tests.
 */
describe('a conversation that arrives while the team is closed', () => {
  it('waits, is not routed early, and routes when the team opens', { timeout: 120_000 }, async () => {
    const ws = await createTestWorkspace(handle.db, {
      members: [{ name: 'Admin', role: 'admin' }, { name: 'Alice' }, { name: 'Bob' }],
      teams: { Sales: ['Alice'], Support: ['Bob'] },
    });
    const t = tenant(handle.db, ws.workspaceId);
    await setWorkspaceTimeZone(t, 'UTC');
    const [{ now }] = (await handle.db.execute<{ now: string }>(sql`select (extract(epoch from clock_timestamp()) * 1000)::bigint as now`)).rows as [{ now: string }];
    const opensAt = new Date(Math.ceil((Number(now) + 3_000) / 60_000) * 60_000);
    const weekday = weekdays[(opensAt.getUTCDay() + 6) % 7]!;
    const end = opensAt.getUTCHours() === 23 ? '24:00' : `${String(opensAt.getUTCHours() + 1).padStart(2, '0')}:${hhmm(opensAt).slice(3)}`;
    await saveSchedule(t, {
      teamId: ws.teams.Support!,
      timeZone: null,
      weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], [weekday]: [{ start: hhmm(opensAt), end }] },
      holidays: [],
    });

    // Sales gets 1 second; then, still unanswered, it is Support's turn — who are closed.
    const definition = reassignIfNoReply({ firstTeamId: ws.teams.Sales!, secondTeamId: ws.teams.Support!, duration: { amount: 1, unit: 'seconds' }, holdOutsideHours: true, catalog: await loadCatalog(t) });
    const { id } = await createWorkflow(t, { name: 'Out of hours', definition: definition as never }, null);
    await publishWorkflow(t, id, null);
    const m = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'late-friday' }, text: 'anyone there?' });
    const [started] = (await startRunsForEvents(handle.db, [{ workspaceId: ws.workspaceId, eventId: m.outboxEventIds[0]! }])).flatMap((e) => e.results);
    const firstWait = started!.wait!;
    await new Promise((r) => setTimeout(r, 1_100));
    const [afterSales] = await resumeWaitingRuns(handle.db, [{ workspaceId: ws.workspaceId, runId: firstWait.runId, waitSeq: firstWait.waitSeq }]);
    expect(afterSales!.outcome).toBe('resumed');

    // Held until Support opens, with an internal note; still Alice's meanwhile.
    const [run] = await handle.db.select().from(workflowRuns).where(eq(workflowRuns.id, firstWait.runId));
    expect(run!.status).toBe('waiting');
    expect(run!.currentStepId).toBe('hold-until-open');
    expect(run!.wakeAt!.getTime()).toBe(opensAt.getTime());
    const notes = await handle.db.select().from(comments).where(and(eq(comments.workspaceId, ws.workspaceId), eq(comments.conversationId, m.conversationId)));
    expect(notes.map((n) => n.body)).toEqual([expect.stringContaining("Outside Support's hours: holding")]);

    // A timer delivered before the opening does nothing.
    const early = await resumeWaitingRuns(handle.db, [{ workspaceId: ws.workspaceId, runId: run!.id, waitSeq: run!.waitSeq }]);
    expect(early[0]!.outcome).toBe('early');

    await new Promise((r) => setTimeout(r, Math.max(0, opensAt.getTime() - Date.now()) + 200));
    const routed = await resumeWaitingRuns(handle.db, [{ workspaceId: ws.workspaceId, runId: run!.id, waitSeq: run!.waitSeq }]);
    expect(routed[0]!.outcome).toBe('resumed');
    const [conv] = await handle.db.select().from(conversations).where(eq(conversations.id, m.conversationId));
    expect(conv!.assigneeId).toBe(ws.users.Bob!.id);
    const [handedOver] = await handle.db
      .select()
      .from(conversationEvents)
      .where(and(eq(conversationEvents.conversationId, m.conversationId), eq(conversationEvents.type, 'reassigned')));
    expect(handedOver!.createdAt.getTime()).toBeGreaterThanOrEqual(opensAt.getTime());
  });
});
