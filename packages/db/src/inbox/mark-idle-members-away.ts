import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../client';
import { memberships } from '../schema';
import { handOnUnanswered, type HandOnMove } from '../availability/hand-on-unanswered';
import { toWorkspaceId } from '../tenancy/workspace-id';
import { afterCommit, conversationsChanged, type AfterCommit } from '../committed';

/**
 * Cross-tenant by design (a worker sweep): members still "online" with no sign of life for
 * idleMs become "away", so "online only" assignments stop picking someone who walked off.
 * Someone who never showed up counts from when they went online. Their unanswered
 * conversations are handed on in the same transaction, as for a click on "away". Each
 * member's receipt tells the inboxes (their availability, the conversations handed on).
 */
export async function markIdleMembersAway(
  db: Executor,
  idleMs: number,
): Promise<{ workspaceId: string; userId: string; handedOn: HandOnMove[]; afterCommit: AfterCommit }[]> {
  const cutoff = sql`now() - make_interval(secs => ${idleMs / 1000})`;
  return (db as Tx).transaction(async (tx) => {
    const changed = await tx
      .update(memberships)
      .set({ availability: 'away', availabilityChangedAt: sql`now()` })
      .where(
        and(
          eq(memberships.availability, 'online'),
          lt(memberships.availabilityChangedAt, cutoff),
          or(isNull(memberships.lastSeenAt), lt(memberships.lastSeenAt, cutoff)),
        ),
      )
      .returning({ workspaceId: memberships.workspaceId, userId: memberships.userId });
    const out = [];
    for (const m of changed) {
      const handedOn = await handOnUnanswered({ db: tx, workspaceId: toWorkspaceId(m.workspaceId) }, m.userId, 'away', { type: 'system' }, 'went away (idle)');
      const notices = [{ type: 'member.availability' as const, userId: m.userId }, ...conversationsChanged(handedOn.map((h) => h.conversationId), 'assignment')];
      out.push({ ...m, handedOn, afterCommit: afterCommit(m.workspaceId, { notices }) });
    }
    return out;
  });
}
