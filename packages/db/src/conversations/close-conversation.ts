import { and, eq, sql } from 'drizzle-orm';
import { conversations } from '../schema';
import { inTransaction, type Tenant, type TenantTx } from '../tenancy/tenant';
import { lockConversation } from './lock-conversation';
import { recordConversationEvent } from './record-conversation-event';
import { enqueueOutboxEvent } from './enqueue-outbox-event';
import { cancelRunsForConversation } from './cancel-runs-for-conversation';
import { hasPublishedTrigger } from '../workflows/has-published-trigger';
import { afterCommit, conversationsChanged, type WithAfterCommit } from '../committed';

export type Actor =
  | { type: 'user'; userId: string }
  | { type: 'api' }
  | { type: 'workflow'; runId: string; effectKey: string };

export type CloseResult = WithAfterCommit<{ closed: boolean; cancelledRunIds: string[]; outboxEventIds: string[] }>;

export function closeConversation(
  t: Tenant,
  conversationId: string,
  actor: Actor,
): Promise<CloseResult> {
  return inTransaction(t, (tx) => closeLockedConversation(tx, conversationId, actor));
}

/** For callers that already hold the conversation lock. */
export async function closeLockedConversation(
  tx: TenantTx,
  conversationId: string,
  actor: Actor,
): Promise<CloseResult> {
  const conversation = await lockConversation(tx, conversationId);
  if (conversation.status === 'closed')
    return { closed: false, cancelledRunIds: [], outboxEventIds: [], afterCommit: afterCommit(tx.workspaceId) };
  await tx.db
    .update(conversations)
    .set({ status: 'closed', closedAt: sql`now()`, lastActivityAt: sql`now()` })
    .where(
      and(eq(conversations.workspaceId, tx.workspaceId), eq(conversations.id, conversationId)),
    );
  await recordConversationEvent(tx, {
    conversationId,
    type: 'closed',
    actorType: actor.type,
    actorUserId: actor.type === 'user' ? actor.userId : null,
    workflowRunId: actor.type === 'workflow' ? actor.runId : null,
    effectKey: actor.type === 'workflow' ? actor.effectKey : null,
  });
  const cancelledRunIds = await cancelRunsForConversation(
    tx,
    conversationId,
    'Conversation closed',
    actor.type === 'workflow' ? actor.runId : undefined,
  );
  const outboxEventIds: string[] = [];
  if (await hasPublishedTrigger(tx, 'conversation.closed')) {
    outboxEventIds.push(
      await enqueueOutboxEvent(tx, {
        type: 'conversation.closed',
        conversationId,
        source: actor.type === 'workflow' ? 'workflow' : actor.type === 'api' ? 'api' : 'user',
        payload: {},
      }),
    );
  }
  return {
    closed: true,
    cancelledRunIds,
    outboxEventIds,
    afterCommit: afterCommit(tx.workspaceId, { events: outboxEventIds, notices: conversationsChanged([conversationId], 'status') }),
  };
}
