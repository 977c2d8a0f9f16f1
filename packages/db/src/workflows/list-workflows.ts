import { and, desc, eq, sql } from 'drizzle-orm';
import { workflowRuns, workflows } from '../schema';
import type { Tenant } from '../tenancy/tenant';

/** The workflows list: status, trigger, last published, runs in the last 24 hours. */
export async function listWorkflows(t: Tenant) {
  const runs24h = t.db
    .select({ workflowId: workflowRuns.workflowId, n: sql<number>`count(*)::int`.as('n') })
    .from(workflowRuns)
    .where(
      and(
        eq(workflowRuns.workspaceId, t.workspaceId),
        sql`${workflowRuns.startedAt} > now() - interval '24 hours'`,
      ),
    )
    .groupBy(workflowRuns.workflowId)
    .as('runs24h');
  const rows = await t.db
    .select({
      id: workflows.id,
      name: workflows.name,
      description: workflows.description,
      status: workflows.status,
      triggerEvent: sql<
        string | null
      >`coalesce(${workflows.triggerEvent}, ${workflows.draftDefinition}->'trigger'->'config'->>'event')`,
      lastPublishedAt: workflows.lastPublishedAt,
      updatedAt: workflows.updatedAt,
      runsLast24h: sql<number>`coalesce(${runs24h.n}, 0)`,
    })
    .from(workflows)
    .leftJoin(runs24h, eq(runs24h.workflowId, workflows.id))
    .where(eq(workflows.workspaceId, t.workspaceId))
    .orderBy(desc(workflows.updatedAt));
  return rows;
}
