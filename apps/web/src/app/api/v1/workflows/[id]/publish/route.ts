import { publishWorkflow } from '@baton/db';
import { apiEndpoint } from '@/server/api/api-endpoint';
import { publishWorkflowEndpoint } from '@/server/api/endpoints/workflow-endpoints';

export const POST = apiEndpoint(publishWorkflowEndpoint, async ({ tenant, id }) => ({ status: 'published', ...(await publishWorkflow(tenant, id, null)) }));
