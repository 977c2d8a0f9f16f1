import { and, eq } from 'drizzle-orm';
import { workflows } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { notFound } from '../tenancy/errors';

export type WorkflowRow = typeof workflows.$inferSelect;

export async function findWorkflow(
  t: Tenant,
  workflowId: string,
  opts: { lock?: boolean } = {},
): Promise<WorkflowRow> {
  const query = t.db
    .select()
    .from(workflows)
    .where(and(eq(workflows.workspaceId, t.workspaceId), eq(workflows.id, workflowId)));
  const [row] = opts.lock ? await query.for('update') : await query;
  if (!row) throw notFound('Workflow');
  return row;
}
