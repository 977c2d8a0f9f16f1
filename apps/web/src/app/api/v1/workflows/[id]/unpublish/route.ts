import { unpublishWorkflow } from '@baton/db';
import { apiEndpoint } from '@/server/api/api-endpoint';
import { unpublishWorkflowEndpoint } from '@/server/api/endpoints/workflow-endpoints';

export const POST = apiEndpoint(unpublishWorkflowEndpoint, async ({ tenant, id }) => ({ status: 'stopped', ...(await unpublishWorkflow(tenant, id)) }));
