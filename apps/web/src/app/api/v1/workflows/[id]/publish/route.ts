import { publishWorkflow } from '@baton/db';
import { apiRoute } from '@/server/api/api-route';
import { pathId } from '@/server/api/path-id';

export const POST = apiRoute<{ id: string }>(async ({ tenant, params }) => {
  const result = await publishWorkflow(tenant, pathId(params.id, 'Workflow'), null);
  return { status: 'published', ...result };
});
