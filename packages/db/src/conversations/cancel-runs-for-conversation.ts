import { and, eq, inArray, sql } from 'drizzle-orm';
import { workflowRuns } from '../schema';
import type { TenantTx } from '../tenancy/tenant';

/** Closing a conversation ends its waiting runs; their timers find them cancelled. */
export async function cancelRunsForConversation(
  tx: TenantTx,
  conversationId: string,
  reason: string,
  exceptRunId?: string,
): Promise<string[]> {
  const rows = await tx.db
    .update(workflowRuns)
    .set({
      status: 'cancelled',
      error: reason,
      wakeAt: null,
      finishedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(workflowRuns.workspaceId, tx.workspaceId),
        eq(workflowRuns.conversationId, conversationId),
        inArray(workflowRuns.status, ['waiting', 'running']),
        exceptRunId ? sql`${workflowRuns.id} <> ${exceptRunId}` : undefined,
      ),
    )
    .returning({ id: workflowRuns.id });
  return rows.map((r) => r.id);
}
