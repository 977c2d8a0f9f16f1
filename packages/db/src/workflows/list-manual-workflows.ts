import { and, asc, eq } from 'drizzle-orm';
import { workflows } from '../schema';
import type { Tenant } from '../tenancy/tenant';

/** Published workflows with a manual trigger: what the inbox's "Run workflow" menu offers. */
export function listManualWorkflows(t: Tenant): Promise<Array<{ id: string; name: string }>> {
  return t.db
    .select({ id: workflows.id, name: workflows.name })
    .from(workflows)
    .where(and(eq(workflows.workspaceId, t.workspaceId), eq(workflows.status, 'published'), eq(workflows.triggerEvent, 'manual')))
    .orderBy(asc(workflows.name));
}
