import { and, eq, inArray, sql } from 'drizzle-orm';
import { judgeCandidates, pickLeastOpen, pickRoundRobin, type PoolKey } from '@baton/engine';
import type { Tx } from '../../client';
import { assignmentCursors, conversationQueue, conversations, teams } from '../../schema';
import { toWorkspaceId } from '../../tenancy/workspace-id';
import type { TenantTx } from '../../tenancy/tenant';
import { recordConversationEvent } from '../../conversations/record-conversation-event';
import { loadAssignableMembers } from '../../capacity/load-assignable-members';
import { loadBatchPools } from '../batch/load-batch-pools';
import { lockMemberAvailability, lockWorkspaceQueues, oldestReturned } from './queued-runs.sql';

/** A conversation of the returned queue that a drain assigned. */
export type ReturnedAssignment = { conversationId: string; toUserId: string; pool: string };

/**
 * One pass over conversations returned to their team's queue (availability/hand-on): the
 * oldest of the given pools (null: every pool), in arrival order, each given to an online
 * member of its pool below capacity by the entry's rule, seeing the rotation and open counts
 * left by the ones before — the same eligibility as an assign step. A conversation nobody can
 * take stays queued. `wakeText` says why someone is available now ("Bob came online"), for
 * the event's reason. Runs in its own transaction, under the workspace's drain lock.
 */
export async function drainReturnedOnce(
  tx: Tx,
  workspaceId: string,
  pools: readonly string[] | null,
  limit: number,
  wakeText: (userId: string, name: string) => string | null,
): Promise<ReturnedAssignment[]> {
  await lockWorkspaceQueues(tx, workspaceId);
  const ids = await oldestReturned(tx, workspaceId, pools, limit);
  if (ids.length === 0) return [];
  const t: TenantTx = { db: tx, workspaceId: toWorkspaceId(workspaceId) };
  // Conversations first, in id order (the lock order everywhere), then the entries as they
  // are now: a close or an assignment that committed meanwhile took its entry with it.
  await tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), inArray(conversations.id, ids)))
    .orderBy(conversations.id)
    .for('update');
  const entries = (
    await tx
      .select()
      .from(conversationQueue)
      .where(and(eq(conversationQueue.workspaceId, workspaceId), inArray(conversationQueue.conversationId, ids)))
  ).sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime() || a.conversationId.localeCompare(b.conversationId));
  if (entries.length === 0) return [];

  const availability = await lockMemberAvailability(tx, workspaceId);
  const members = (await loadAssignableMembers(t)).map((m) => ({ ...m, availability: availability.get(m.id) ?? m.availability }));
  const poolData =
    (await loadBatchPools(tx, entries.map((e) => ({ workspaceId, key: e.pool as PoolKey })), new Map([[workspaceId, members]]))).get(workspaceId) ?? {};
  const teamIds = entries.flatMap((e) => (e.pool.startsWith('team:') ? [e.pool.slice(5)] : []));
  const teamNames = new Map(
    teamIds.length
      ? (await tx.select({ id: teams.id, name: teams.name }).from(teams).where(and(eq(teams.workspaceId, workspaceId), inArray(teams.id, teamIds)))).map((r) => [r.id, r.name])
      : [],
  );

  const out: ReturnedAssignment[] = [];
  for (const entry of entries) {
    const pool = poolData[entry.pool as PoolKey];
    const verdicts = judgeCandidates(pool?.candidates ?? [], {
      onlyOnline: true,
      maxOpen: null,
      excludeTried: false,
      triedUserIds: [],
      currentAssigneeId: null,
    });
    const winner = entry.rule === 'least_open' ? pickLeastOpen(verdicts, pool?.cursorUserId ?? null).winner : pickRoundRobin(verdicts, pool?.cursorUserId ?? null);
    if (!winner || !pool) continue;
    const queueName = entry.pool === 'workspace' ? 'the workspace' : (teamNames.get(entry.pool.slice(5)) ?? 'its team');
    const because = wakeText(winner.userId, winner.name) ?? `${winner.name} was available`;
    const rule = entry.rule === 'least_open' ? 'fewest open' : 'round robin';
    const reason = `${entry.reason}: waited in ${queueName}'s queue; assigned to ${winner.name} by ${rule} when ${because}`;
    // The trigger of migration 0028 deletes the entry with this update.
    await tx
      .update(conversations)
      .set({ assigneeId: winner.userId, lastActivityAt: sql`now()` })
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, entry.conversationId)));
    await recordConversationEvent(t, {
      conversationId: entry.conversationId,
      type: 'assigned',
      actorType: 'system',
      actorUserId: null,
      fromUserId: null,
      toUserId: winner.userId,
      teamId: entry.pool.startsWith('team:') ? entry.pool.slice(5) : null,
      reason,
      data: { cause: 'queue', pool: entry.pool, queuedAt: entry.queuedAt.toISOString() },
    });
    pool.cursorUserId = winner.userId;
    for (const c of pool.candidates) if (c.userId === winner.userId) c.openCount += 1;
    // The same agent in another pool of this pass (a member of two teams) counts it too.
    for (const other of Object.values(poolData))
      if (other && other !== pool) for (const c of other.candidates) if (c.userId === winner.userId) c.openCount += 1;
    out.push({ conversationId: entry.conversationId, toUserId: winner.userId, pool: entry.pool });
  }
  for (const [key, pool] of Object.entries(poolData)) {
    if (!pool || key.startsWith('user:') || !out.some((a) => a.pool === key)) continue;
    await tx
      .update(assignmentCursors)
      .set({ lastUserId: pool.cursorUserId })
      .where(and(eq(assignmentCursors.workspaceId, workspaceId), eq(assignmentCursors.poolKey, key)));
  }
  return out;
}
