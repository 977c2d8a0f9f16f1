import type { Effect } from '@baton/engine';
import type { conversationEvents } from '../schema';

type EventRow = Omit<typeof conversationEvents.$inferInsert, 'workspaceId' | 'id' | 'createdAt'>;

/**
 * The conversation event an assign / unassign effect records — one definition for the
 * batch writer (BatchWrites) and the one-by-one oracle of its differential test.
 */
export function effectEvent(
  effect: Extract<Effect, { type: 'assign' | 'unassign' | 'enqueue' }>,
  ctx: { conversationId: string; runId: string; stepId: string; explanation: string; assigneeBefore: string | null; effectKey: string },
): EventRow {
  const base = {
    conversationId: ctx.conversationId,
    actorType: 'workflow' as const,
    workflowRunId: ctx.runId,
    fromUserId: ctx.assigneeBefore,
    reason: effect.reason,
    effectKey: ctx.effectKey,
  };
  if (effect.type === 'unassign') return { ...base, type: 'unassigned', data: { stepId: ctx.stepId } };
  // from_user_id: whoever held it before it went back to the queue (a "taken from you").
  if (effect.type === 'enqueue')
    return { ...base, type: 'queued', teamId: effect.teamId, data: { stepId: ctx.stepId, pool: effect.pool, explanation: ctx.explanation } };
  return {
    ...base,
    type: ctx.assigneeBefore ? 'reassigned' : 'assigned',
    toUserId: effect.userId,
    teamId: effect.teamId,
    data: { stepId: ctx.stepId, explanation: ctx.explanation },
  };
}
