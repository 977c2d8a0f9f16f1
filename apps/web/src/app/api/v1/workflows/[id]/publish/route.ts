import { publishWorkflow } from '@baton/db';
import { apiEndpoint } from '@/server/api/api-endpoint';
import { publishWorkflowEndpoint } from '@/server/api/endpoints/workflow-endpoints';

export const POST = apiEndpoint(publishWorkflowEndpoint, async ({ tenant, id, body }) => {
  const { versionId, version } = await publishWorkflow(tenant, id, null, { moves: body?.moves ?? [] });
  return { status: 'published', versionId, version };
});
