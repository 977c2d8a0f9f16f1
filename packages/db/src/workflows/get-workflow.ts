import { and, desc, eq } from 'drizzle-orm';
import { validateDefinition } from '@baton/engine';
import { users, workflowVersions } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { notFound } from '../tenancy/errors';
import { findWorkflow } from './find-workflow';
import { loadCatalog } from './load-catalog';

export async function getWorkflow(t: Tenant, workflowId: string) {
  const workflow = await findWorkflow(t, workflowId);
  const versions = await t.db
    .select({
      id: workflowVersions.id,
      version: workflowVersions.version,
      name: workflowVersions.name,
      publishedAt: workflowVersions.publishedAt,
      publishedBy: workflowVersions.publishedBy,
      publishedByName: users.name,
    })
    .from(workflowVersions)
    .leftJoin(users, eq(users.id, workflowVersions.publishedBy))
    .where(
      and(
        eq(workflowVersions.workspaceId, t.workspaceId),
        eq(workflowVersions.workflowId, workflowId),
      ),
    )
    .orderBy(desc(workflowVersions.version));
  const problems = validateDefinition(workflow.draftDefinition, await loadCatalog(t));
  return { ...workflow, versions, problems };
}

export async function getWorkflowVersion(t: Tenant, workflowId: string, versionId: string) {
  const [row] = await t.db
    .select()
    .from(workflowVersions)
    .where(
      and(
        eq(workflowVersions.workspaceId, t.workspaceId),
        eq(workflowVersions.workflowId, workflowId),
        eq(workflowVersions.id, versionId),
      ),
    );
  if (!row) throw notFound('Workflow version');
  return row;
}
