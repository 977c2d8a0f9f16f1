import { and, eq, sql } from 'drizzle-orm';
import { describeExclusions, judgeCandidates, pickLeastOpen, pickRoundRobin, type PoolKey } from '@baton/engine';
import { assignmentCursors, comments, conversations } from '../schema';
import type { TenantTx } from '../tenancy/tenant';
import { recordConversationEvent } from '../conversations/record-conversation-event';
import { loadBatchPools } from '../runs/batch/load-batch-pools';
import { loadAssignableMembers } from '../capacity/load-assignable-members';
import { lockUnansweredOf } from './unanswered-conversations.sql';
import { returnToQueue } from '../runs/queue/return-to-queue';

export type AwayHandOn = 'leave' | 'return_to_team' | 'round_robin' | 'least_open';
/** Who made the agent unavailable: themselves or a person (user), a key (api), the idle sweep (system). */
export type HandOnActor = { type: 'user'; userId: string } | { type: 'api' } | { type: 'system' };
export type HandOnMove = { conversationId: string; toUserId: string | null };

/**
 * Work follows availability (issue #16 item 2). In the transaction that made `userId` away
 * or offline: their open conversations they have not replied to since they got them
 * (assignee_replied_at null) follow the policy of the conversation's team (else the
 * workspace's) — returned to the team's queue unassigned (the queue drain gives it to the
 * next agent who becomes available), or reassigned by round robin / fewest open to an online
 * teammate below capacity (nobody: returned to the queue likewise). Each move is an event
 * with actor and reason plus an internal comment. Conversations are locked in id order;
 * running it again finds nothing left to move. Coming back online moves nothing back.
 */
export async function handOnUnanswered(
  tx: TenantTx,
  userId: string,
  availability: 'away' | 'offline',
  actor: HandOnActor,
  why: string = availability === 'away' ? 'went away' : 'went offline',
): Promise<HandOnMove[]> {
  const res = { rows: await lockUnansweredOf(tx, userId) };
  if (res.rows.length === 0) return [];

  const members = await loadAssignableMembers(tx);
  const name = members.find((m) => m.id === userId)?.name ?? 'The assignee';
  const poolOf = (teamId: string | null): PoolKey => (teamId ? `team:${teamId}` : 'workspace');
  const reassigning = res.rows.filter((r) => r.policy === 'round_robin' || r.policy === 'least_open');
  // Cursors and (for members with a capacity) open counts locked, as every assigner does.
  const pools =
    reassigning.length > 0
      ? ((
          await loadBatchPools(
            tx.db,
            reassigning.map((r) => ({ workspaceId: tx.workspaceId, key: poolOf(r.team_id) })),
            new Map([[tx.workspaceId, members]]),
            [{ workspaceId: tx.workspaceId, userId }],
          )
        ).get(tx.workspaceId) ?? {})
      : {};

  const moves: HandOnMove[] = [];
  const actorColumns = {
    actorType: actor.type,
    actorUserId: actor.type === 'user' ? actor.userId : null,
  } as const;
  for (const row of res.rows) {
    const where = row.team_name ?? 'the workspace';
    let to: { userId: string; name: string } | null = null;
    let reason = `${name} ${why} without replying: returned to ${where}'s queue`;
    if (row.policy === 'round_robin' || row.policy === 'least_open') {
      const pool = pools[poolOf(row.team_id)];
      const verdicts = judgeCandidates(pool?.candidates ?? [], {
        onlyOnline: true,
        maxOpen: null,
        excludeTried: false,
        triedUserIds: [],
        currentAssigneeId: userId,
      });
      const winner = row.policy === 'round_robin' ? pickRoundRobin(verdicts, pool?.cursorUserId ?? null) : pickLeastOpen(verdicts, pool?.cursorUserId ?? null).winner;
      if (winner && pool) {
        to = { userId: winner.userId, name: winner.name };
        const rule = row.policy === 'round_robin' ? 'round robin' : 'fewest open';
        reason = `${name} ${why} without replying: reassigned to ${winner.name} by ${rule} in ${where}`;
        // The next conversation of this batch sees this one taken.
        pool.cursorUserId = winner.userId;
        for (const c of pool.candidates) if (c.userId === winner.userId) c.openCount += 1;
      } else {
        const excluded = describeExclusions(verdicts.filter((v) => v.userId !== userId), null);
        reason = `${name} ${why} without replying; no one available in ${where}${excluded ? ` (${excluded})` : ''}: returned to ${where}'s queue`;
      }
    }
    await tx.db
      .update(conversations)
      .set({ assigneeId: to?.userId ?? null, lastActivityAt: sql`now()` })
      .where(and(eq(conversations.workspaceId, tx.workspaceId), eq(conversations.id, row.id)));
    await recordConversationEvent(tx, {
      conversationId: row.id,
      type: to ? 'reassigned' : 'unassigned',
      ...actorColumns,
      fromUserId: userId,
      toUserId: to?.userId ?? null,
      teamId: row.team_id,
      reason,
      data: { cause: 'availability', availability },
    });
    if (!to)
      await returnToQueue(tx, {
        conversationId: row.id,
        pool: poolOf(row.team_id),
        rule: row.policy === 'least_open' ? 'least_open' : 'round_robin',
        openedAt: row.opened_at,
        reason: `${name} ${why} without replying`,
      });
    // An internal note in the timeline, so whoever opens it next knows why it is theirs.
    await tx.db.insert(comments).values({ workspaceId: tx.workspaceId, conversationId: row.id, authorUserId: null, body: `${reason}.` });
    moves.push({ conversationId: row.id, toUserId: to?.userId ?? null });
  }
  // Rotation continues after whoever got the last one, as after any assignment.
  for (const [key, pool] of Object.entries(pools)) {
    if (!pool || key.startsWith('user:')) continue;
    await tx.db
      .update(assignmentCursors)
      .set({ lastUserId: pool.cursorUserId })
      .where(and(eq(assignmentCursors.workspaceId, tx.workspaceId), eq(assignmentCursors.poolKey, key)));
  }
  return moves;
}
