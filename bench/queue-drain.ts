// 8. Hold and assign (issue #16): time from an agent coming online to the first queued
// conversation assigned to them, with SIZES.queuedConversations (10k) queued across the bench's
// workspaces (8). Each workspace: one team of offline agents, capacity 1 per agent (so an agent
// coming online takes exactly one conversation and the queue stays deep), the queue workflow
// (wait up to a day). Then agents come online one at a time, round robin over the workspaces,
// through the real path: a committed availability change, the trigger's NOTIFY, the running
// worker's LISTEN, its drain transaction.
// Latency = commit time of the `assigned` event − commit time of the availability change
// (pg_xact_commit_timestamp, one clock); "observed" = the bench's own wall clock from issuing
// the update until it sees the assignment (polling every 2 ms), for reference.
import { createWorkflow, publishWorkflow, receiveInboundMessage, setWorkspaceCapacity, startRunsForEvents, tenant } from '@baton/db';
import { createTestWorkspace } from '@baton/db/testing';
import { SIZES } from './lib/scale';
import type { BenchContext } from './lib/context';
import { machineLoad } from './lib/machine';
import { summarize } from './lib/stats';

const WIDTH = 16;

async function inParallel<T>(items: readonly T[], width: number, fn: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

export async function run(ctx: BenchContext) {
  ctx.loads.push(machineLoad('queue: start'));
  const workspaces = SIZES.workspaces;
  const perWorkspace = Math.ceil(SIZES.queuedConversations / workspaces);
  const trials = SIZES.queueTrialsPerWorkspace;
  const agents = Array.from({ length: trials }, (_, i) => `Q${i + 1}`);
  const spaces: { workspaceId: string; users: Record<string, { id: string }> }[] = [];
  const t0 = Date.now();
  for (let w = 0; w < workspaces; w++) {
    const ws = await createTestWorkspace(ctx.db.db, {
      members: [{ name: 'Admin', role: 'admin' }, ...agents.map((name) => ({ name, availability: 'offline' as const }))],
      teams: { Queue: agents },
    });
    const t = tenant(ctx.db.db, ws.workspaceId);
    await setWorkspaceCapacity(t, 1);
    const definition = {
      schemaVersion: 1,
      trigger: { id: 'trigger', type: 'trigger', config: { event: 'conversation.opened', conditions: [] } },
      steps: [
        { id: 'assign', type: 'assign', config: { target: { type: 'team', teamId: ws.teams.Queue }, queue: { timeout: { amount: 1, unit: 'days' } } } },
        { id: 'wait', type: 'wait', config: { duration: { amount: 1, unit: 'days' } } },
      ],
      edges: [
        { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'assign' },
        { id: 'e2', source: 'assign', sourceHandle: 'next', target: 'wait' },
      ],
    };
    const { id } = await createWorkflow(t, { name: 'Queue bench', definition: definition as never }, null);
    await publishWorkflow(t, id, null);
    // Queued by the bench itself: messages 16 at a time, then the real batch path
    // (startRunsForEvents, 100 events a transaction, in arrival order); the worker's relayed
    // copies of these events are no-ops (an event is processed once).
    const events: string[] = [];
    await inParallel(Array.from({ length: perWorkspace }, (_, i) => i), WIDTH, async (i) => {
      const m = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: `queued-${i}` }, text: 'hi' });
      events.push(m.outboxEventIds[0]!);
    });
    for (let i = 0; i < events.length; i += 100)
      await startRunsForEvents(ctx.db.db, events.slice(i, i + 100).map((eventId) => ({ workspaceId: ws.workspaceId, eventId })));
    spaces.push(ws);
  }
  const fillSeconds = Math.round((Date.now() - t0) / 1000);
  const { rows: [queued] } = await ctx.pool.query(
    `select count(*)::int as n from workflow_runs where workspace_id = any($1::uuid[]) and status = 'waiting' and (state->'queue'->>'pool') is not null`,
    [spaces.map((s) => s.workspaceId)],
  );
  ctx.log(`[queue] ${queued.n} conversations queued across ${workspaces} workspaces in ${fillSeconds} s`);
  ctx.loads.push(machineLoad('queue: filled'));

  const commitMs: number[] = [];
  const observedMs: number[] = [];
  let missed = 0;
  for (let i = 0; i < trials; i++) {
    for (const ws of spaces) {
      const userId = ws.users[agents[i]!]!.id;
      const started = performance.now();
      const { rows: [on] } = await ctx.pool.query(
        `update memberships set availability = 'online', availability_changed_at = now()
          where workspace_id = $1 and user_id = $2 returning xmin::text as x`,
        [ws.workspaceId, userId],
      );
      let assignedAt: number | null = null;
      for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
        const { rows } = await ctx.pool.query(
          `select extract(epoch from pg_xact_commit_timestamp(e.xmin)) * 1000 as at
             from conversation_events e
            where e.workspace_id = $1 and e.to_user_id = $2 and e.type = 'assigned'
            order by 1 limit 1`,
          [ws.workspaceId, userId],
        );
        if (rows[0]?.at != null) {
          assignedAt = Number(rows[0].at);
          break;
        }
        await new Promise((r) => setTimeout(r, 2));
      }
      const observed = performance.now() - started;
      if (assignedAt === null) {
        missed++;
        continue;
      }
      const { rows: [c] } = await ctx.pool.query(`select extract(epoch from pg_xact_commit_timestamp($1::xid)) * 1000 as at`, [on.x]);
      commitMs.push(assignedAt - Number(c.at));
      observedMs.push(observed);
    }
  }
  const { rows: [left] } = await ctx.pool.query(
    `select count(*)::int as n from workflow_runs where workspace_id = any($1::uuid[]) and status = 'waiting' and (state->'queue'->>'pool') is not null`,
    [spaces.map((s) => s.workspaceId)],
  );
  const result = {
    workspaces,
    queued: queued.n,
    fillSeconds,
    agentsComingOnline: commitMs.length + missed,
    missed,
    stillQueued: left.n,
    latencyMs: summarize(commitMs),
    observedMs: summarize(observedMs),
  };
  ctx.log(`[queue] ${JSON.stringify(result)}`);
  return result;
}
