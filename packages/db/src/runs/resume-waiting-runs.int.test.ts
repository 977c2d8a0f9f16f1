import { afterAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { reassignIfNoReply } from '@baton/engine';
import { testDatabase, createTestWorkspace } from '../testing';
import { tenant } from '../tenancy/tenant';
import { createWorkflow } from '../workflows/create-workflow';
import { publishWorkflow } from '../workflows/publish-workflow';
import { receiveInboundMessage } from '../conversations/inbound/receive-inbound-message';
import { comments, conversationEvents, runSteps, workflowRuns } from '../schema';
import { startRunsForEvents } from './start-runs-for-events';
import { resumeWaitingRuns } from './resume-waiting-runs';

const handle = testDatabase(5);
afterAll(() => handle.close());

/**
 * The seed scenario's hand-over (Sales, then Support after a 15-minute wait) in a new
 * workspace, with `conversations` customers written in: the runs' waits, as scheduled.
 */
async function handOverScenario(support: string[], conversations: number, prefix: string) {
  const ws = await createTestWorkspace(handle.db, {
    members: [
      { name: 'Admin', role: 'admin' },
      { name: 'Alice' },
      ...support.map((name) => ({ name })),
    ],
    teams: { Sales: ['Alice'], Support: support },
  });
  const t = tenant(handle.db, ws.workspaceId);
  const { id } = await createWorkflow(
    t,
    {
      name: 'Hand over',
      definition: reassignIfNoReply({
        firstTeamId: ws.teams.Sales!,
        secondTeamId: ws.teams.Support!,
        waitMinutes: 15,
      }) as never,
    },
    null,
  );
  await publishWorkflow(t, id, null);
  const events = [];
  for (let i = 0; i < conversations; i++) {
    const m = await receiveInboundMessage(t, ws.channelId, {
      contact: { externalId: `${prefix}-${i}` },
      text: 'hello?',
    });
    events.push({ workspaceId: ws.workspaceId, eventId: m.outboxEventIds[0]! });
  }
  const started = (await startRunsForEvents(handle.db, events)).flatMap((e) => e.results);
  return { ws, waits: started.map((r) => r.wait!) };
}

describe('resumeWaitingRuns: many fired timers in one transaction', () => {
  it('hands each conversation on once, rotating over the second team; stale and early timers do nothing', async () => {
    const { ws, waits } = await handOverScenario(['Bob', 'Carol', 'Dan'], 7, 'r');
    expect(waits).toHaveLength(7);

    const refs = [
      ...waits.slice(0, 6).map((w) => ({
        workspaceId: w.workspaceId,
        runId: w.runId,
        waitSeq: w.waitSeq,
        force: true,
      })),
      // A duplicate delivery of the first timer in the same batch, and one of an old sequence.
      {
        workspaceId: ws.workspaceId,
        runId: waits[0]!.runId,
        waitSeq: waits[0]!.waitSeq,
        force: true,
      },
      {
        workspaceId: ws.workspaceId,
        runId: waits[1]!.runId,
        waitSeq: waits[1]!.waitSeq - 1,
        force: true,
      },
      // Not due yet by the database clock.
      { workspaceId: ws.workspaceId, runId: waits[6]!.runId, waitSeq: waits[6]!.waitSeq },
    ];
    const out = await resumeWaitingRuns(handle.db, refs);
    expect(out.map((o) => o.outcome)).toEqual([
      'resumed',
      'resumed',
      'resumed',
      'resumed',
      'resumed',
      'resumed',
      'stale',
      'stale',
      'early',
    ]);
    expect(out[8]!.outcome === 'early' && out[8]!.remainingMs).toBeGreaterThan(14 * 60_000);

    // Six hand-overs to Support, two each, each with one comment naming the new agent.
    const handed = await handle.db
      .select({ to: conversationEvents.toUserId })
      .from(conversationEvents)
      .where(
        and(
          eq(conversationEvents.workspaceId, ws.workspaceId),
          eq(conversationEvents.type, 'reassigned'),
        ),
      );
    const per = new Map<string, number>();
    for (const h of handed) per.set(h.to!, (per.get(h.to!) ?? 0) + 1);
    expect([...per.entries()].map(([u, n]) => [u, n]).sort()).toEqual(
      [ws.users.Bob!.id, ws.users.Carol!.id, ws.users.Dan!.id].map((u) => [u, 2]).sort(),
    );
    const notes = await handle.db
      .select()
      .from(comments)
      .where(eq(comments.workspaceId, ws.workspaceId));
    expect(notes).toHaveLength(6);
    const runs = await handle.db
      .select()
      .from(workflowRuns)
      .where(eq(workflowRuns.workspaceId, ws.workspaceId));
    expect(runs.filter((r) => r.status === 'completed')).toHaveLength(6);
    expect(runs.filter((r) => r.status === 'waiting')).toHaveLength(1);
    // The wait step each resumed run slept in is finished; the waiting one's is not.
    const open = await handle.db
      .select()
      .from(runSteps)
      .where(and(eq(runSteps.workspaceId, ws.workspaceId), eq(runSteps.stepType, 'wait')));
    expect(open.filter((s) => !s.finishedAt).map((s) => s.runId)).toEqual([waits[6]!.runId]);

    // Fired again: every one is stale now.
    const again = await resumeWaitingRuns(handle.db, refs.slice(0, 6));
    expect(again.every((o) => o.outcome === 'stale')).toBe(true);
  });

  it('a wait names the pools its resume needs; the resume locks them in its first round trip, and a hint that falls short is retried the plain way', async () => {
    const { ws, waits } = await handOverScenario(['Bob', 'Carol'], 4, 'h');
    // The Support team the reassign step hands over to: nothing else before the next pause.
    expect(waits.map((w) => w.pools)).toEqual(waits.map(() => [`team:${ws.teams.Support}`]));

    const ref = (w: (typeof waits)[number], pools: string[] | undefined) => ({
      workspaceId: w.workspaceId,
      runId: w.runId,
      waitSeq: w.waitSeq,
      force: true,
      ...(pools ? { pools } : {}),
    });
    // As scheduled (hint right), with a hint that misses the team (retried without hints), with
    // a hint naming a pool the run does not need (locked, unused), and without any hint.
    const out = await resumeWaitingRuns(handle.db, [
      ref(waits[0]!, waits[0]!.pools),
      ref(waits[1]!, waits[1]!.pools),
    ]);
    const short = await resumeWaitingRuns(handle.db, [ref(waits[2]!, [])]);
    const extra = await resumeWaitingRuns(handle.db, [
      ref(waits[3]!, [...waits[3]!.pools!, `team:${ws.teams.Sales}`]),
    ]);
    expect([...out, ...short, ...extra].map((o) => o.outcome)).toEqual([
      'resumed',
      'resumed',
      'resumed',
      'resumed',
    ]);

    // Every hand-over went to Support in strict rotation, whichever way its pools were locked.
    const handed = await handle.db
      .select({ to: conversationEvents.toUserId, at: conversationEvents.createdAt })
      .from(conversationEvents)
      .where(
        and(
          eq(conversationEvents.workspaceId, ws.workspaceId),
          eq(conversationEvents.type, 'reassigned'),
        ),
      )
      .orderBy(conversationEvents.createdAt);
    const bob = ws.users.Bob!.id;
    const carol = ws.users.Carol!.id;
    expect(handed.map((h) => h.to)).toEqual(
      handed[0]!.to === bob ? [bob, carol, bob, carol] : [carol, bob, carol, bob],
    );
  });
});
