import { and, eq, inArray } from 'drizzle-orm';
import { workflowRuns } from '../schema';
import type { Tenant } from '../tenancy/tenant';

/** The conversations some runs act on: what to announce after the worker commits them. */
export async function findRunConversations(t: Tenant, runIds: readonly string[]): Promise<string[]> {
  if (runIds.length === 0) return [];
  const rows = await t.db
    .selectDistinct({ conversationId: workflowRuns.conversationId })
    .from(workflowRuns)
    .where(and(eq(workflowRuns.workspaceId, t.workspaceId), inArray(workflowRuns.id, [...runIds])));
  return rows.map((r) => r.conversationId);
}
