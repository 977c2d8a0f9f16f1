import { and, asc, eq } from 'drizzle-orm';
import { contacts, conversations, users, workflowRuns, workflowVersions, workflows } from '../schema';
import type { Tenant } from '../tenancy/tenant';

/** Every waiting run with its timer, soonest first: the timers board. */
export async function listPendingTimers(t: Tenant, opts: { limit?: number } = {}) {
  return t.db
    .select({
      runId: workflowRuns.id,
      waitSeq: workflowRuns.waitSeq,
      wakeAt: workflowRuns.wakeAt,
      currentStepId: workflowRuns.currentStepId,
      resumeStepId: workflowRuns.resumeStepId,
      startedAt: workflowRuns.startedAt,
      workflowId: workflowRuns.workflowId,
      workflowName: workflows.name,
      version: workflowVersions.version,
      conversationId: workflowRuns.conversationId,
      contactName: contacts.name,
      assigneeName: users.name,
    })
    .from(workflowRuns)
    .innerJoin(workflows, eq(workflows.id, workflowRuns.workflowId))
    .innerJoin(workflowVersions, eq(workflowVersions.id, workflowRuns.workflowVersionId))
    .innerJoin(conversations, eq(conversations.id, workflowRuns.conversationId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(users, eq(users.id, conversations.assigneeId))
    .where(and(eq(workflowRuns.workspaceId, t.workspaceId), eq(workflowRuns.status, 'waiting')))
    .orderBy(asc(workflowRuns.wakeAt))
    .limit(opts.limit ?? 500);
}
export type PendingTimer = Awaited<ReturnType<typeof listPendingTimers>>[number];
