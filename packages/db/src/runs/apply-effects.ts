import { and, eq, sql } from 'drizzle-orm';
import type { Effect } from '@baton/engine';
import { assignmentCursors, comments, conversations } from '../schema';
import type { TenantTx } from '../tenancy/tenant';
import { recordConversationEvent } from '../conversations/record-conversation-event';
import { closeLockedConversation } from '../conversations/close-conversation';
import { effectEvent } from './effect-event';

export type EffectContext = {
  runId: string;
  stepId: string;
  /** run id + step sequence: the idempotency key prefix of this step's effects. */
  effectKey: string;
  conversationId: string;
  /** Assignee before this step, to tell "assigned" from "reassigned". */
  assigneeBefore: string | null;
  explanation: string;
};

/**
 * Writes one step's effects. The caller holds the conversation lock; the effect keys make
 * a second application of the same step a no-op even if the run guard were bypassed.
 */
export async function applyEffects(
  tx: TenantTx,
  ctx: EffectContext,
  effects: readonly Effect[],
): Promise<string[]> {
  const outboxEventIds: string[] = [];
  let assignee = ctx.assigneeBefore;
  for (const [i, effect] of effects.entries()) {
    const effectKey = `${ctx.effectKey}:${i}`;
    const where = and(
      eq(conversations.workspaceId, tx.workspaceId),
      eq(conversations.id, ctx.conversationId),
    );
    switch (effect.type) {
      case 'assign': {
        await tx.db
          .update(conversations)
          .set({ assigneeId: effect.userId, teamId: effect.teamId })
          .where(where);
        await recordConversationEvent(tx, effectEvent(effect, { ...ctx, assigneeBefore: assignee, effectKey }));
        assignee = effect.userId;
        break;
      }
      case 'unassign':
        await tx.db.update(conversations).set({ assigneeId: null }).where(where);
        await recordConversationEvent(tx, effectEvent(effect, { ...ctx, assigneeBefore: assignee, effectKey }));
        assignee = null;
        break;
      case 'comment':
        await tx.db
          .insert(comments)
          .values({
            workspaceId: tx.workspaceId,
            conversationId: ctx.conversationId,
            workflowRunId: ctx.runId,
            body: effect.text,
            mentionUserIds: effect.mentionUserIds,
            effectKey,
          })
          .onConflictDoNothing();
        await tx.db
          .update(conversations)
          .set({ lastActivityAt: sql`now()` })
          .where(where);
        break;
      case 'close': {
        const closed = await closeLockedConversation(tx, ctx.conversationId, {
          type: 'workflow',
          runId: ctx.runId,
          effectKey,
        });
        outboxEventIds.push(...closed.outboxEventIds);
        break;
      }
      case 'advance_cursor':
        await tx.db
          .update(assignmentCursors)
          .set({ lastUserId: effect.userId, updatedAt: sql`now()` })
          .where(
            and(
              eq(assignmentCursors.workspaceId, tx.workspaceId),
              eq(assignmentCursors.poolKey, effect.pool),
            ),
          );
        break;
    }
  }
  return outboxEventIds;
}
