import { and, desc, eq, gte, inArray, lte, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { contacts, conversations, workflowRuns, workflowVersions, workflows } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { keysetAfter, keysetOrder, sortKeyText, toPage, type PageRequest } from '../pagination/keyset';

export const runFiltersSchema = z.object({
  workflowId: z.uuid().optional(),
  status: z.array(z.enum(['running', 'waiting', 'completed', 'failed', 'cancelled'])).optional(),
  conversationId: z.uuid().optional(),
  /** Runs that assigned (or reassigned) this agent. */
  agentId: z.uuid().optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Keyset pagination: started_at of the last row seen. */
  before: z.coerce.date().optional(),
});
export type RunFilters = z.input<typeof runFiltersSchema>;

function runConditions(t: Tenant, f: z.output<typeof runFiltersSchema>) {
  const where: (SQL | undefined)[] = [eq(workflowRuns.workspaceId, t.workspaceId)];
  if (f.workflowId) where.push(eq(workflowRuns.workflowId, f.workflowId));
  if (f.status?.length) where.push(inArray(workflowRuns.status, f.status));
  if (f.conversationId) where.push(eq(workflowRuns.conversationId, f.conversationId));
  if (f.from) where.push(gte(workflowRuns.startedAt, f.from));
  if (f.to) where.push(lte(workflowRuns.startedAt, f.to));
  if (f.before) where.push(lt(workflowRuns.startedAt, f.before));
  if (f.agentId) {
    where.push(
      sql`exists (select 1 from conversation_events e where e.workspace_id = ${t.workspaceId} and e.workflow_run_id = ${workflowRuns.id} and e.to_user_id = ${f.agentId})`,
    );
  }
  return where;
}

const runListColumns = {
  id: workflowRuns.id,
  status: workflowRuns.status,
  workflowId: workflowRuns.workflowId,
  workflowName: workflows.name,
  version: workflowVersions.version,
  conversationId: workflowRuns.conversationId,
  contactName: contacts.name,
  currentStepId: workflowRuns.currentStepId,
  wakeAt: workflowRuns.wakeAt,
  startedAt: workflowRuns.startedAt,
  finishedAt: workflowRuns.finishedAt,
  error: workflowRuns.error,
};

export async function listRuns(t: Tenant, raw: RunFilters = {}) {
  const f = runFiltersSchema.parse(raw);
  const where = runConditions(t, f);
  return t.db
    .select(runListColumns)
    .from(workflowRuns)
    .innerJoin(workflows, eq(workflows.id, workflowRuns.workflowId))
    .innerJoin(workflowVersions, eq(workflowVersions.id, workflowRuns.workflowVersionId))
    .innerJoin(conversations, eq(conversations.id, workflowRuns.conversationId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(and(...where))
    .orderBy(desc(workflowRuns.startedAt))
    .limit(f.limit);
}
export type RunListItem = Awaited<ReturnType<typeof listRuns>>[number];

/** Runs newest first, keyset-paged on (started_at, id) for the public API (`limit`/`before` of the filters are ignored). */
export async function listRunsPage(t: Tenant, raw: Omit<RunFilters, 'limit' | 'before'>, page: PageRequest) {
  const f = runFiltersSchema.parse(raw);
  const rows = await t.db
    .select({ ...runListColumns, sortKey: sortKeyText(workflowRuns.startedAt) })
    .from(workflowRuns)
    .innerJoin(workflows, eq(workflows.id, workflowRuns.workflowId))
    .innerJoin(workflowVersions, eq(workflowVersions.id, workflowRuns.workflowVersionId))
    .innerJoin(conversations, eq(conversations.id, workflowRuns.conversationId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(and(...runConditions(t, f), keysetAfter(workflowRuns.startedAt, workflowRuns.id, 'desc', page.after)))
    .orderBy(...keysetOrder(workflowRuns.startedAt, workflowRuns.id, 'desc'))
    .limit(page.limit + 1);
  return toPage(rows, page.limit);
}
