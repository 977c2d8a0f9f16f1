import { and, eq } from 'drizzle-orm';
import { workflowRuns } from '../schema';
import type { TenantTx } from '../tenancy/tenant';
import { notFound } from '../tenancy/errors';
import { lockConversation, type ConversationRow } from '../conversations/lock-conversation';
import type { RunRow } from './run-types';

/**
 * Locks a run the way the timer and the engine do — conversation first, then the run row —
 * so a person's action on a run and a timer firing for it are serialised, never interleaved.
 */
export async function lockRun(
  tx: TenantTx,
  runId: string,
): Promise<{ run: RunRow; conversation: ConversationRow }> {
  const [peek] = await tx.db
    .select({ conversationId: workflowRuns.conversationId })
    .from(workflowRuns)
    .where(and(eq(workflowRuns.workspaceId, tx.workspaceId), eq(workflowRuns.id, runId)));
  if (!peek) throw notFound('Run');
  const conversation = await lockConversation(tx, peek.conversationId);
  const [run] = await tx.db
    .select()
    .from(workflowRuns)
    .where(and(eq(workflowRuns.workspaceId, tx.workspaceId), eq(workflowRuns.id, runId)))
    .for('update');
  if (!run) throw notFound('Run');
  return { run, conversation };
}
