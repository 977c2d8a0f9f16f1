// 6. Fairness under concurrency: 16 concurrent assigners decide 10k round-robin assignments
// over one team's online agents (the real data-layer path: startRunsForEvent, cursor row
// locked in the assigning transaction). In commit order, every window of K consecutive
// assignments (K = team size, one rotation) should give each agent exactly one:
// spread = max − min per agent within a rotation.
import { createWorkflow, publishWorkflow, receiveInboundMessage, startRunsForEvent, tenant } from '@baton/db';
import { createTestWorkspace } from '@baton/db/testing';
import { roundRobinOnlineOnly } from '@baton/engine';
import { SIZES } from './lib/scale';
import type { BenchContext } from './lib/context';
import { machineLoad } from './lib/machine';

const ASSIGNERS = 16;

async function inParallel<T>(items: readonly T[], width: number, fn: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

export async function run(ctx: BenchContext) {
  ctx.loads.push(machineLoad('fairness: start'));
  const agents = ['A1', 'A2', 'A3', 'A4', 'A5'];
  const ws = await createTestWorkspace(ctx.db.db, {
    members: [{ name: 'Admin', role: 'admin' }, ...agents.map((name) => ({ name })), { name: 'Off', availability: 'offline' }],
    teams: { Sales: [...agents, 'Off'] },
  });
  const t = tenant(ctx.db.db, ws.workspaceId);
  const { id } = await createWorkflow(t, { name: 'Rotation', definition: roundRobinOnlineOnly({ teamId: ws.teams.Sales! }) }, null);
  await publishWorkflow(t, id, null);
  const n = SIZES.fairnessAssignments;
  const events: string[] = [];
  await inParallel(Array.from({ length: n }, (_, i) => i), ASSIGNERS, async (i) => {
    const m = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: `fair-${i}` }, text: 'hi' });
    events.push(m.outboxEventIds[0]!);
  });
  // The worker would also pick these up through the queue; the bench decides them itself, with
  // 16 assigners at once, and the worker's copies are no-ops (the event is processed once).
  const t0 = Date.now();
  await inParallel(events, ASSIGNERS, (e) => startRunsForEvent(t, e));
  const seconds = (Date.now() - t0) / 1000;
  const { rows } = await ctx.pool.query(
    `select to_user_id from conversation_events where workspace_id = $1 and type = 'assigned'
      order by pg_xact_commit_timestamp(xmin), created_at, id`,
    [ws.workspaceId],
  );
  const ids = agents.map((a) => ws.users[a]!.id);
  const k = ids.length;
  let worstSpread = 0;
  let windowsOverOne = 0;
  for (let i = 0; i + k <= rows.length; i += k) {
    const counts = ids.map((u) => rows.slice(i, i + k).filter((r) => r.to_user_id === u).length);
    const spread = Math.max(...counts) - Math.min(...counts);
    worstSpread = Math.max(worstSpread, spread);
    if (spread > 1) windowsOverOne++;
  }
  const totals = ids.map((u) => rows.filter((r) => r.to_user_id === u).length);
  const offline = rows.filter((r) => r.to_user_id === ws.users.Off!.id).length;
  const result = {
    assigners: ASSIGNERS,
    assignments: rows.length,
    requested: n,
    agents: k,
    rotations: Math.floor(rows.length / k),
    worstSpreadPerRotation: worstSpread,
    rotationsWithSpreadOverOne: windowsOverOne,
    totals,
    overallSpread: Math.max(...totals) - Math.min(...totals),
    assignedToOffline: offline,
    assignmentsPerSecond: Math.round(rows.length / seconds),
  };
  ctx.log(`[fairness] ${JSON.stringify(result)}`);
  return result;
}
