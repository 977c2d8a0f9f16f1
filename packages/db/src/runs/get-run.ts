import { and, asc, eq } from 'drizzle-orm';
import { contacts, conversations, runSteps, workflowRuns, workflowVersions, workflows } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { notFound } from '../tenancy/errors';

/** A run with its version's definition and every step it took, with decisions. */
export async function getRun(t: Tenant, runId: string) {
  const [row] = await t.db
    .select({
      run: workflowRuns,
      workflowName: workflows.name,
      version: workflowVersions.version,
      definition: workflowVersions.definition,
      contactName: contacts.name,
      conversationStatus: conversations.status,
    })
    .from(workflowRuns)
    .innerJoin(workflows, eq(workflows.id, workflowRuns.workflowId))
    .innerJoin(workflowVersions, eq(workflowVersions.id, workflowRuns.workflowVersionId))
    .innerJoin(conversations, eq(conversations.id, workflowRuns.conversationId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(and(eq(workflowRuns.workspaceId, t.workspaceId), eq(workflowRuns.id, runId)));
  if (!row) throw notFound('Run');
  const steps = await t.db
    .select()
    .from(runSteps)
    .where(and(eq(runSteps.workspaceId, t.workspaceId), eq(runSteps.runId, runId)))
    .orderBy(asc(runSteps.seq));
  return {
    ...row.run,
    workflowName: row.workflowName,
    version: row.version,
    definition: row.definition,
    contactName: row.contactName,
    conversationStatus: row.conversationStatus,
    steps,
  };
}
export type RunDetail = Awaited<ReturnType<typeof getRun>>;
