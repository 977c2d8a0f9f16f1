import { and, eq, sql } from 'drizzle-orm';
import { parseDefinition, validateDefinition } from '@baton/engine';
import { workflows, workflowVersions } from '../schema';
import { inTransaction, type Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { httpDestinationProblems } from '../http-requests/http-destination-problems';
import { findWorkflow } from './find-workflow';
import { loadCatalog } from './load-catalog';

/**
 * Freezes the draft into a new immutable version and makes it the one new runs start on.
 * Runs already in flight keep the version they started with.
 */
export function publishWorkflow(
  t: Tenant,
  workflowId: string,
  actorUserId: string | null,
): Promise<{ versionId: string; version: number }> {
  return inTransaction(t, async (tx) => {
    const workflow = await findWorkflow(tx, workflowId, { lock: true });
    const problems = [
      ...validateDefinition(workflow.draftDefinition, await loadCatalog(tx)),
      ...httpDestinationProblems(workflow.draftDefinition),
    ];
    if (problems.length > 0) {
      throw new DomainError(
        'invalid',
        `The workflow has ${problems.length} problem(s) to fix before publishing`,
        {
          problems,
        },
      );
    }
    const definition = parseDefinition(workflow.draftDefinition);
    const [last] = await tx.db
      .select({ max: sql<number>`coalesce(max(${workflowVersions.version}), 0)` })
      .from(workflowVersions)
      .where(
        and(
          eq(workflowVersions.workspaceId, tx.workspaceId),
          eq(workflowVersions.workflowId, workflowId),
        ),
      );
    const version = Number(last?.max ?? 0) + 1;
    const [row] = await tx.db
      .insert(workflowVersions)
      .values({
        workspaceId: tx.workspaceId,
        workflowId,
        version,
        name: workflow.name,
        definition,
        publishedBy: actorUserId,
      })
      .returning({ id: workflowVersions.id });
    await tx.db
      .update(workflows)
      .set({
        status: 'published',
        publishedVersionId: row!.id,
        triggerEvent: definition.trigger.config.event,
        lastPublishedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(workflows.workspaceId, tx.workspaceId), eq(workflows.id, workflowId)));
    return { versionId: row!.id, version };
  });
}
