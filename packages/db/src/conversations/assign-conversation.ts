import { and, eq } from 'drizzle-orm';
import { conversations, memberships, teams } from '../schema';
import { inTransaction, type Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { lockConversation } from './lock-conversation';
import { recordConversationEvent } from './record-conversation-event';
import { leaveQueueForConversation } from '../runs/queue/leave-queue';
import { users } from '../schema';

/** A person assigning, reassigning or unassigning by hand (assigneeId null = unassign). */
export function assignConversation(
  t: Tenant,
  conversationId: string,
  input: {
    assigneeId: string | null;
    teamId?: string | null;
    actorUserId: string | null;
    reason?: string;
  },
): Promise<{ changed: boolean }> {
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
      return { changed: false };
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
    return { changed: true };
  });
}
