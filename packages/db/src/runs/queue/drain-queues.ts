import { and, eq, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../client';
import { teamMembers } from '../../schema';
import { lockMemberAvailability, lockWorkspaceQueues, oldestQueuedRuns } from './queued-runs.sql';
import { toWorkspaceId } from '../../tenancy/workspace-id';
import { keyOf } from '../../sql/json-recordset';
import type { AdvanceResult } from '../run-types';
import { lockRunsWithWorld } from '../batch/claim-waits.sql';
import { definitionsOf } from '../batch/definition-cache';
import { resumedBatchRun } from '../batch/resumed-batch-run';
import { advanceBatch, type BatchRun } from '../batch/advance-batch';
import { drainReturnedOnce, type ReturnedAssignment } from './drain-returned';

/**
 * Why an agent may now take a queued conversation: came online, joined a team, had an open
 * conversation closed or handed on, or a setting raised their capacity. `queued`: a run
 * just joined a queue (the check that closes the race with an agent becoming available
 * while it was being queued). `sweep`: a catch-up after the worker (re)connected.
 */
export const queueWakeReasons = ['online', 'team', 'capacity', 'settings', 'queued', 'sweep'] as const;
export type QueueWakeReason = (typeof queueWakeReasons)[number];
/** userId: the agent who became available (null: anyone); pool: only that queue. */
export type QueueWake = { workspaceId: string; userId: string | null; reason: QueueWakeReason; pool?: string };

/** Queued runs re-checked per transaction: the oldest of the woken pools. */
const DRAIN_BATCH = 64;
/** A run that just queued only needs the head of its pool re-checked. */
const QUEUED_CHECK = 8;

function wakeText(reason: QueueWakeReason, name: string): string | null {
  switch (reason) {
    case 'online':
      return `${name} came online`;
    case 'team':
      return `${name} joined the team`;
    case 'capacity':
      return `${name} had a conversation closed or handed on`;
    case 'settings':
      return `${name}'s capacity was raised`;
    case 'queued':
    case 'sweep':
      return null;
  }
}

/** What a drain committed: runs advanced (for the hand-off) and returned conversations assigned. */
export type DrainResult = { runs: AdvanceResult[]; returned: ReturnedAssignment[] };

/**
 * Drains one workspace's queues after agents became available: the oldest queued runs of
 * their pools (arrival order) re-run their assign step, in order, each seeing the rotation
 * and open counts left by the ones before — so round robin, fewest open, capacity and
 * fairness hold exactly as for a new conversation. Runs still without anyone are left
 * untouched. Conversations returned to a team's queue (work follows availability) take
 * their turn in the same arrival order of their pool (drain-returned.ts). Repeats while a
 * round assigned someone. Returns what committed, for the caller's hand-off (timers,
 * events, realtime).
 */
export async function drainQueues(db: Executor, wakes: readonly QueueWake[]): Promise<DrainResult> {
  const byWorkspace = new Map<string, QueueWake[]>();
  for (const w of wakes) {
    toWorkspaceId(w.workspaceId);
    byWorkspace.set(w.workspaceId, [...(byWorkspace.get(w.workspaceId) ?? []), w]);
  }
  const out: DrainResult = { runs: [], returned: [] };
  for (const [workspaceId, list] of byWorkspace) {
    const limit = list.every((w) => w.reason === 'queued') ? QUEUED_CHECK : DRAIN_BATCH;
    // Bounded: a pool cannot take more rounds than it has agents' worth of batches.
    for (let round = 0; round < 1000; round++) {
      // Each kind of entry only takes the ones with nothing older of the other kind in their
      // pool (queued-runs.sql.ts), so alternating passes keep one arrival order per pool.
      const runs = await (db as Tx).transaction((tx) => drainOnce(tx, workspaceId, list, limit));
      out.runs.push(...runs);
      const returned = await (db as Tx).transaction(async (tx) =>
        drainReturnedOnce(tx, workspaceId, await wokenPools(tx, workspaceId, list), limit, wakeTextOf(list)),
      );
      out.returned.push(...returned);
      if (runs.length === 0 && returned.length === 0) break;
    }
  }
  return out;
}

/** The pools the wakes concern (null: every pool of the workspace). */
async function wokenPools(tx: Tx, workspaceId: string, wakes: readonly QueueWake[]): Promise<string[] | null> {
  const everyone = wakes.some((w) => w.userId === null && !w.pool);
  const userIds = [...new Set(wakes.flatMap((w) => (w.userId ? [w.userId] : [])))];
  let pools: string[] | null = null;
  if (!everyone) {
    const teams = userIds.length
      ? await tx
          .select({ teamId: teamMembers.teamId })
          .from(teamMembers)
          .where(and(eq(teamMembers.workspaceId, workspaceId), sql`${teamMembers.userId} = any(${`{${userIds.join(',')}}`}::uuid[])`))
      : [];
    pools = [
      ...new Set([
        ...(userIds.length ? ['workspace'] : []),
        ...teams.map((t) => `team:${t.teamId}`),
        ...wakes.flatMap((w) => (w.pool ? [w.pool] : [])),
      ]),
    ];
  }
  return pools;
}

/** "Bob came online" for a woken agent, for the trace of what the wake let them take. */
function wakeTextOf(wakes: readonly QueueWake[]): (userId: string, name: string) => string | null {
  return (userId, name) => {
    for (const w of wakes) if (w.userId === userId && wakeText(w.reason, name)) return wakeText(w.reason, name);
    return null;
  };
}

async function drainOnce(tx: Tx, workspaceId: string, wakes: readonly QueueWake[], limit: number): Promise<AdvanceResult[]> {
  // One drain per workspace at a time (any worker): two would lock the same oldest runs in
  // turn, and the second would find them taken and stop short of the ones behind.
  await lockWorkspaceQueues(tx, workspaceId);
  const pools = await wokenPools(tx, workspaceId, wakes);
  const queued = await oldestQueuedRuns(tx, workspaceId, pools, limit);
  if (queued.length === 0) return [];

  const keys = queued.map((id) => ({ workspaceId, id }));
  const { locked, runs, versions, world } = await lockRunsWithWorld(tx, keys);
  // Availability again, under a share lock, after every lock above (lockMemberAvailability).
  const availability = await lockMemberAvailability(tx, workspaceId);
  world.members.set(
    workspaceId,
    (world.members.get(workspaceId) ?? []).map((m) => ({ ...m, availability: availability.get(m.id) ?? m.availability })),
  );
  const names = new Map((world.members.get(workspaceId) ?? []).map((m) => [m.id, m.name]));
  const queueWake: Record<string, string> = {};
  for (const w of wakes) {
    const text = w.userId ? wakeText(w.reason, names.get(w.userId) ?? 'an agent') : null;
    if (w.userId && text) queueWake[w.userId] = text;
  }

  // FIFO across the woken pools: oldest arrival first, whatever the pool.
  const still = runs
    .filter((r) => r.status === 'waiting' && r.state.queue && r.currentStepId === r.state.queue.stepId)
    .sort((a, b) => a.state.queue!.since - b.state.queue!.since || a.id.localeCompare(b.id));
  if (still.length === 0) return [];
  const definitions = await definitionsOf(tx, versions);
  const batch: BatchRun[] = still.map((run) => resumedBatchRun(run, versions, definitions, { startStepId: run.state.queue!.stepId, queueWake }));
  const advanced = await advanceBatch(tx, new Map(locked.map((c) => [keyOf(c.workspaceId, c.id), c])), batch, { world });
  return [...advanced.values()].filter((r) => !(r.status === 'waiting' && r.wait === null));
}
