import { unpublishWorkflow } from '@baton/db';
import { apiRoute } from '@/server/api/api-route';
import { pathId } from '@/server/api/path-id';

export const POST = apiRoute<{ id: string }>(async ({ tenant, params }) => {
  const result = await unpublishWorkflow(tenant, pathId(params.id, 'Workflow'));
  return { status: 'stopped', ...result };
});
