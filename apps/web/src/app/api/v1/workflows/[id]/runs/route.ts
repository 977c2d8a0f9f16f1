import { findWorkflow, listRuns, listRunsPage } from '@baton/db';
import { apiEndpoint } from '@/server/api/api-endpoint';
import { pageOf } from '@/server/api/contract/pagination';
import { startManualRun } from '@/server/after-commit/mutations';
import { listWorkflowRunsEndpoint, startWorkflowRunEndpoint } from '@/server/api/endpoints/workflow-endpoints';

export const GET = apiEndpoint(listWorkflowRunsEndpoint, async ({ tenant, id, query }) => {
  await findWorkflow(tenant, id);
  const { limit, cursor, before, ...filters } = query;
  if (before) {
    // The old page parameter, kept for existing callers: one page, no cursor.
    return { runs: await listRuns(tenant, { ...filters, workflowId: id, limit, before }), nextCursor: null };
  }
  return pageOf('runs', await listRunsPage(tenant, { ...filters, workflowId: id }, { limit, after: cursor }));
});

/** Starts a workflow with a manual trigger on a conversation; the run starts within ms. */
export const POST = apiEndpoint(startWorkflowRunEndpoint, async ({ tenant, id, body }) => {
  const { eventId } = await startManualRun(tenant, id, body.conversationId, { type: 'api' }).handedOver();
  return { eventId, status: 'starting' };
});
