import { getWorkflow, updateWorkflow } from '@baton/db';
import { apiEndpoint } from '@/server/api/api-endpoint';
import { getWorkflowEndpoint, updateWorkflowEndpoint } from '@/server/api/endpoints/workflow-endpoints';

export const GET = apiEndpoint(getWorkflowEndpoint, async ({ tenant, id }) => {
  const wf = await getWorkflow(tenant, id);
  return {
    id: wf.id,
    name: wf.name,
    description: wf.description,
    status: wf.status,
    definition: wf.draftDefinition,
    publishedVersionId: wf.publishedVersionId,
    lastPublishedAt: wf.lastPublishedAt,
    updatedAt: wf.updatedAt,
    problems: wf.problems,
    versions: wf.versions,
  };
});

export const PUT = apiEndpoint(updateWorkflowEndpoint, ({ tenant, id, body }) => updateWorkflow(tenant, id, body, null));
