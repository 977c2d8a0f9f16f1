import { createWorkflow, listWorkflows } from '@baton/db';
import { apiEndpoint } from '@/server/api/api-endpoint';
import { createWorkflowEndpoint, listWorkflowsEndpoint } from '@/server/api/endpoints/workflow-endpoints';

export const POST = apiEndpoint(createWorkflowEndpoint, async ({ tenant, body }) => {
  const result = await createWorkflow(tenant, body, null);
  return { id: result.id, status: 'draft', problems: result.problems };
});

export const GET = apiEndpoint(listWorkflowsEndpoint, async ({ tenant }) => ({ workflows: await listWorkflows(tenant) }));
