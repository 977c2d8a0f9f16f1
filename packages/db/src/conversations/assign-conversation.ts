import { and, eq, sql } from 'drizzle-orm';
import { conversations, memberships, teams } from '../schema';
import { inTransaction, type Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { lockConversation } from './lock-conversation';
import { afterCommit, conversationsChanged, type WithAfterCommit } from '../committed';
import { recordConversationEvent } from './record-conversation-event';
import { leaveQueueForConversation } from '../runs/queue/leave-queue';
import { users } from '../schema';
import { lockOpenCounts } from '../capacity/lock-open-counts.sql';
import { memberCapacitySql } from '../capacity/member-capacity.sql';

/**
 * The assignee is at capacity and the caller did not say "assign anyway" (the API's
 * `force: true`, the inbox's confirmation). Nothing was changed.
 */
export class AtCapacityError extends DomainError {
  constructor(
    readonly assigneeName: string,
    readonly openCount: number,
    readonly capacity: number,
  ) {
    super('conflict', `${assigneeName} is at capacity ${openCount}/${capacity}; send force: true to assign anyway`, {
      field: 'assigneeId',
      openCount,
      capacity,
    });
  }
}

/** A person assigning, reassigning or unassigning by hand (assigneeId null = unassign). */
export function assignConversation(
  t: Tenant,
  conversationId: string,
  input: {
    assigneeId: string | null;
    teamId?: string | null;
    actorUserId: string | null;
    reason?: string;
    /**
     * Refuse (AtCapacityError) when the new assignee is at capacity — checked under the
     * conversation lock and their open-count row lock, so two callers never both see "7 of 8"
     * and both assign. Off: a person assigning past capacity knowingly (force).
     */
    refuseAtCapacity?: boolean;
  },
): Promise<WithAfterCommit<{ changed: boolean; teamId: string | null }>> {
  return inTransaction(t, async (tx) => {
    if (input.assigneeId) {
      const [m] = await tx.db
        .select({ id: memberships.id })
        .from(memberships)
        .where(
          and(
            eq(memberships.workspaceId, tx.workspaceId),
            eq(memberships.userId, input.assigneeId),
          ),
        );
      if (!m)
        throw new DomainError('invalid', 'assigneeId is not a member of this workspace', {
          field: 'assigneeId',
        });
    }
    if (input.teamId) {
      const [team] = await tx.db
        .select({ id: teams.id })
        .from(teams)
        .where(and(eq(teams.workspaceId, tx.workspaceId), eq(teams.id, input.teamId)));
      if (!team)
        throw new DomainError('invalid', 'teamId is not a team of this workspace', {
          field: 'teamId',
        });
    }
    const conversation = await lockConversation(tx, conversationId);
    const teamId = input.teamId === undefined ? conversation.teamId : input.teamId;
    if (conversation.assigneeId === input.assigneeId && conversation.teamId === teamId)
      return { changed: false, teamId, afterCommit: afterCommit(tx.workspaceId) };
    if (input.refuseAtCapacity && input.assigneeId && conversation.assigneeId !== input.assigneeId) {
      const [load] = await lockOpenCounts(tx.db, [{ workspaceId: tx.workspaceId, userId: input.assigneeId }]);
      const [who] = await tx.db
        .select({
          name: users.name,
          capacity: memberCapacitySql(sql`${tx.workspaceId}::uuid`, sql`${input.assigneeId}::uuid`).mapWith((v) => (v === null ? null : Number(v))),
        })
        .from(users)
        .where(eq(users.id, input.assigneeId));
      if (who && who.capacity !== null && (load?.openCount ?? 0) >= who.capacity) throw new AtCapacityError(who.name, load?.openCount ?? 0, who.capacity);
    }
    await tx.db
      .update(conversations)
      .set({ assigneeId: input.assigneeId, teamId })
      .where(
        and(eq(conversations.workspaceId, tx.workspaceId), eq(conversations.id, conversationId)),
      );
    await recordConversationEvent(tx, {
      conversationId,
      type:
        input.assigneeId === null
          ? 'unassigned'
          : conversation.assigneeId
            ? 'reassigned'
            : 'assigned',
      actorType: input.actorUserId ? 'user' : 'api',
      actorUserId: input.actorUserId,
      fromUserId: conversation.assigneeId,
      toUserId: input.assigneeId,
      teamId,
      reason: input.reason ?? 'Assigned by hand',
    });
    // Taken out of a queue by a person: the queue's run ends there, saying so (once: the
    // run is no longer queued after this).
    if (input.assigneeId) {
      const [who] = await tx.db.select({ name: users.name }).from(users).where(eq(users.id, input.assigneeId));
      const [by] = input.actorUserId ? await tx.db.select({ name: users.name }).from(users).where(eq(users.id, input.actorUserId)) : [];
      const how = by ? `${by.name} assigned it to ${who?.name ?? 'someone'} by hand` : `assigned to ${who?.name ?? 'someone'} through the API`;
      await leaveQueueForConversation(tx, conversationId, how, input.actorUserId);
    }
    return { changed: true, teamId, afterCommit: afterCommit(tx.workspaceId, { notices: conversationsChanged([conversationId], 'assignment') }) };
  });
}
