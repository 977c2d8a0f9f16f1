// Issue #19, "a cancelled simulation (stops within a second, nothing left behind)": the two
// ways a cancel could leave something behind outside the worker's heartbeat — a cancel that
// lands between the last heartbeat and the result write, and a worker that dies after a cancel
// was asked for (no worker claims such a row again).
import { afterAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createTestWorkspace, testDatabase } from '../testing';
import { simulations } from '../schema';
import { tenant } from '../tenancy/tenant';
import { createWorkflow } from '../workflows/create-workflow';
import { cancelSimulation, createSimulation, getSimulation } from './manage-simulations';
import { claimSimulation, finishSimulation, SIMULATION_STALE_MS } from './run-simulations.sql';
import type { SimulationResult } from '@baton/engine';

const handle = testDatabase();
afterAll(() => handle.close());

/** A simulation marked running as a worker would have it (set directly: the claim takes the oldest of any workspace). */
async function runningSimulation() {
  const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Admin', role: 'admin' }] });
  const t = tenant(handle.db, ws.workspaceId);
  const { id: workflowId } = await createWorkflow(t, { name: 'Routing' }, ws.users.Admin!.id);
  const { id } = await createSimulation(t, workflowId, { from: new Date(Date.now() - 86_400_000), to: new Date(), seed: 1 }, ws.users.Admin!.id);
  await handle.db
    .update(simulations)
    .set({ status: 'running', startedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(simulations.workspaceId, t.workspaceId), eq(simulations.id, id)));
  return { t, id };
}

const result: SimulationResult = { period: { from: 0, to: 1 }, seed: 1, conversations: 0, timeZone: 'UTC', replyModel: 'recorded', versions: [] };

describe('a cancel leaves nothing behind', () => {
  it('a cancel asked for after the last heartbeat wins over the result being written', async () => {
    const { t, id } = await runningSimulation();
    await cancelSimulation(t, id);
    expect(await finishSimulation(t, id, { status: 'succeeded', result })).toBe('cancelled');
    const row = await getSimulation(t, id);
    expect(row.status).toBe('cancelled');
    expect(row.result).toBeNull();
    expect(row.finishedAt).not.toBeNull();
  });

  it('without a cancel the result is stored', async () => {
    const { t, id } = await runningSimulation();
    expect(await finishSimulation(t, id, { status: 'succeeded', result })).toBe('succeeded');
    const row = await getSimulation(t, id);
    expect(row.status).toBe('succeeded');
    expect(row.result).toEqual(result);
  });

  it('a cancelled simulation whose worker went quiet is settled by the next claim, not left running', async () => {
    const { t, id } = await runningSimulation();
    await cancelSimulation(t, id);
    // Its worker died: no heartbeat since longer than the takeover delay.
    await handle.db
      .update(simulations)
      .set({ updatedAt: sql`now() - make_interval(secs => ${(SIMULATION_STALE_MS + 5_000) / 1000})` })
      .where(and(eq(simulations.workspaceId, t.workspaceId), eq(simulations.id, id)));
    const claimed = await claimSimulation(handle.db);
    expect(claimed?.id).not.toBe(id);
    const row = await getSimulation(t, id);
    expect(row.status).toBe('cancelled');
    expect(row.result).toBeNull();
    expect(row.finishedAt).not.toBeNull();
  });

  it('a cancelled simulation whose worker is still beating is left to that worker', async () => {
    const { t, id } = await runningSimulation();
    await cancelSimulation(t, id);
    await claimSimulation(handle.db);
    expect((await getSimulation(t, id)).status).toBe('running');
  });
});
