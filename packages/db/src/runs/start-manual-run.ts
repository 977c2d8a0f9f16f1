import { and, eq } from 'drizzle-orm';
import { workflows } from '../schema';
import { inTransaction, type Tenant } from '../tenancy/tenant';
import { DomainError, notFound } from '../tenancy/errors';
import { lockConversation } from '../conversations/lock-conversation';
import { afterCommit, type WithAfterCommit } from '../committed';
import { enqueueOutboxEvent } from '../conversations/enqueue-outbox-event';

/**
 * Starts a published workflow with a `manual` trigger on one conversation (from the API
 * or the inbox). It goes through the outbox like every other trigger, so the worker runs
 * it with the same locking and idempotency.
 */
export function startManualRun(
  t: Tenant,
  workflowId: string,
  conversationId: string,
  actor: { type: 'user'; userId: string } | { type: 'api' },
): Promise<WithAfterCommit<{ eventId: string }>> {
  return inTransaction(t, async (tx) => {
    const [workflow] = await tx.db
      .select({ status: workflows.status, triggerEvent: workflows.triggerEvent })
      .from(workflows)
      .where(and(eq(workflows.workspaceId, tx.workspaceId), eq(workflows.id, workflowId)));
    if (!workflow) throw notFound('Workflow');
    if (workflow.status !== 'published') throw new DomainError('conflict', 'Publish the workflow before starting it');
    if (workflow.triggerEvent !== 'manual') {
      throw new DomainError('invalid', 'Only workflows with a "manual" trigger can be started by hand', { field: 'workflowId' });
    }
    await lockConversation(tx, conversationId);
    const eventId = await enqueueOutboxEvent(tx, {
      type: 'manual',
      conversationId,
      source: actor.type === 'api' ? 'api' : 'user',
      payload: { workflowId, ...(actor.type === 'user' ? { userId: actor.userId } : {}) },
    });
    return { eventId, afterCommit: afterCommit(tx.workspaceId, { events: [eventId] }) };
  });
}
