// Issue #19, the differential: a period recorded through the real system (inbound messages,
// the worker routing them, agents going online and offline, replies) and then simulated —
// the published version with the recorded replies assigns, reassigns and queues exactly as
// the real system did, conversation by conversation. Then the same period goes through the
// simulation job (worker, progress, stored result) and a cancel stops one mid-run.
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { simulate, type ConversationOutcome } from '@baton/engine';
import {
  createSimulation,
  getSimulation,
  loadRecordedPeriod,
  sendReply,
  setAvailability,
  cancelSimulation,
  type Tenant,
} from '@baton/db';
import { insertBulkOpenings } from '@baton/db/testing';
import { customerWrites, seedScenarioWorkspace, simulationTestFile, waitFor } from './test-harness';

const file = simulationTestFile();
const handle = file.handle;

const rows = async <T,>(q: ReturnType<typeof sql>) => (await handle.db.execute(q)).rows as T[];

/** What actually happened to one conversation, in the simulator's terms. */
async function actualOutcome(t: Tenant, conversationId: string): Promise<Pick<ConversationOutcome, 'conversationId' | 'assignees' | 'reassignments' | 'queue' | 'noOneAvailable'>> {
  const events = await rows<{ type: string; to_user_id: string }>(sql`
    select type, to_user_id from conversation_events
     where workspace_id = ${t.workspaceId} and conversation_id = ${conversationId} and actor_type = 'workflow'
       and type in ('assigned', 'reassigned') order by created_at, id`);
  const steps = await rows<{ output: string | null; queue: string | null }>(sql`
    select s.output, s.decision->'queue'->>'outcome' as queue from run_steps s join workflow_runs r on r.id = s.run_id
     where r.workspace_id = ${t.workspaceId} and r.conversation_id = ${conversationId} and s.step_type = 'assign'
     order by s.seq`);
  const queueNotes = steps.map((s) => s.queue).filter((q): q is string => q !== null && q !== 'waiting');
  const lastQueue = queueNotes.at(-1) ?? null;
  return {
    conversationId,
    assignees: events.map((e) => e.to_user_id),
    reassignments: events.filter((e) => e.type === 'reassigned').length,
    queue: lastQueue === null ? null : lastQueue === 'queued' ? 'waiting' : (lastQueue as ConversationOutcome['queue']),
    noOneAvailable: steps.some((s) => s.output === 'no_one_available'),
  };
}

async function assigneeOf(t: Tenant, conversationId: string) {
  const [row] = await rows<{ assignee_id: string | null }>(sql`select assignee_id from conversations where workspace_id = ${t.workspaceId} and id = ${conversationId}`);
  return row?.assignee_id ?? null;
}

async function runsSettled(t: Tenant) {
  const [row] = await rows<{ n: number }>(sql`select count(*)::int as n from workflow_runs where workspace_id = ${t.workspaceId} and status in ('running', 'waiting')`);
  return row!.n === 0;
}

describe('simulating a recorded period (differential against the real system)', () => {
  it('the published version with recorded replies makes the assignments, reassignments and queue outcomes that actually happened', async () => {
    // Sales = Alice (online), Bob (offline); Support = Carol (online). Wait 4 s, queue 6 s (room for a loaded machine between the scripted steps).
    const { ws, t, workflowId } = await seedScenarioWorkspace(handle.db, { waitSeconds: 4, queueTimeoutSeconds: 6 });
    const { Alice, Bob } = { Alice: ws.users.Alice!.id, Bob: ws.users.Bob!.id };
    const start = new Date((await rows<{ start: string }>(sql`select now() - interval '1 second' as start`))[0]!.start);

    // 1. Alice gets c1 and replies before the wait ends: it stays hers.
    const c1 = (await customerWrites(t, file.harness.queues, ws.channelId)).conversationId;
    await waitFor(async () => (await assigneeOf(t, c1)) === Alice);
    await sendReply(t, c1, { userId: Alice, text: 'On it' });
    // 2. c2: Bob is offline, so Alice again; she does not reply → handed to Carol.
    const c2 = (await customerWrites(t, file.harness.queues, ws.channelId)).conversationId;
    await waitFor(async () => (await assigneeOf(t, c2)) === Alice);
    await waitFor(async () => (await assigneeOf(t, c2)) === ws.users.Carol!.id, 20_000);
    // 3. Nobody in Sales online: c3 queues; Bob comes online and takes it, and replies.
    await setAvailability(t, Alice, 'offline');
    const c3 = (await customerWrites(t, file.harness.queues, ws.channelId)).conversationId;
    await waitFor(async () => (await rows(sql`select 1 from conversation_events where workspace_id = ${t.workspaceId} and conversation_id = ${c3} and type = 'queued'`)).length > 0);
    await setAvailability(t, Bob, 'online');
    await waitFor(async () => (await assigneeOf(t, c3)) === Bob);
    await sendReply(t, c3, { userId: Bob, text: 'Hello' });
    // 4. Bob leaves: c4 queues and nobody comes within the queue timeout.
    await setAvailability(t, Bob, 'offline');
    const c4 = (await customerWrites(t, file.harness.queues, ws.channelId)).conversationId;
    await waitFor(() => runsSettled(t), 30_000);
    const end = new Date((await rows<{ end: string }>(sql`select now() + interval '1 second' as end`))[0]!.end);

    const recorded = await loadRecordedPeriod(t, { from: start, to: end }, { pageSize: 2 });
    expect(recorded.openings.map((o) => o.conversationId)).toEqual([c1, c2, c3, c4]);
    const [published] = await rows<{ id: string; definition: unknown }>(sql`
      select v.id, v.definition from workflow_versions v join workflows w on w.published_version_id = v.id
       where w.workspace_id = ${t.workspaceId} and w.id = ${workflowId}`);
    const { outcomes } = simulate({
      ...recorded,
      workflow: { id: workflowId, name: 'Fast handoff' },
      seed: 1,
      versions: [{ label: 'published', versionId: published!.id, definition: published!.definition }],
    });
    const actual = await Promise.all([c1, c2, c3, c4].map((id) => actualOutcome(t, id)));
    const simulated = outcomes.published!.map(({ conversationId, assignees, reassignments, queue, noOneAvailable }) => ({ conversationId, assignees, reassignments, queue, noOneAvailable }));
    expect(simulated).toEqual(actual);
    // The scenario did what it says (so the equality above is not two empty lists).
    expect(actual.map((a) => [a.assignees.length, a.reassignments, a.queue, a.noOneAvailable])).toEqual([
      [1, 0, null, false],
      [2, 1, null, false],
      [1, 0, 'assigned', false],
      [0, 0, 'timed_out', true],
    ]);

    // The same period as a job: the worker replays draft and published, writes progress and the result.
    const { id } = await createSimulation(t, workflowId, { from: start, to: end, seed: 1 }, ws.users.Admin!.id);
    const done = await waitFor(async () => {
      const s = await getSimulation(t, id);
      return s.status === 'succeeded' || s.status === 'failed' ? s : null;
    }, 30_000);
    expect(done.error).toBeNull();
    expect(done.progress).toBe(1);
    const version = done.result!.versions.find((v) => v.label === 'published')!;
    expect(version.reassignments).toBe(1);
    expect(version.queueTimeouts).toBe(1);
    expect(version.assignmentsPerAgent).toEqual({ [Alice]: 2, [ws.users.Carol!.id]: 1, [Bob]: 1 });
    expect(done.result!.versions.map((v) => v.label)).toEqual(['draft', 'published']);
    expect(version.samples.map((s) => s.conversationId).sort()).toEqual([c1, c2, c3, c4].sort());
  }, 120_000);

  it('a cancelled simulation stops within a second and keeps no result', async () => {
    const { ws, t, workflowId } = await seedScenarioWorkspace(handle.db, { waitSeconds: 60 });
    // Enough recorded traffic that the replay takes a while.
    await insertBulkOpenings(handle.db, t.workspaceId, ws.channelId, 20_000);
    const { id } = await createSimulation(t, workflowId, { from: new Date(Date.now() - 3 * 86_400_000), to: new Date(), seed: 3 }, ws.users.Admin!.id);
    await waitFor(async () => {
      const s = await getSimulation(t, id);
      return s.status === 'running' && s.progress > 0.1;
    }, 60_000, 20);
    const asked = Date.now();
    await cancelSimulation(t, id);
    const stopped = await waitFor(async () => {
      const s = await getSimulation(t, id);
      return s.status !== 'running' ? s : null;
    }, 10_000, 20);
    const tookMs = Date.now() - asked;
    expect(stopped.status).toBe('cancelled');
    expect(stopped.result).toBeNull();
    expect(tookMs).toBeLessThan(2_000);
  }, 120_000);
});
