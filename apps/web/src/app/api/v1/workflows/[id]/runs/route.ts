import { findWorkflow, listRuns } from '@baton/db';
import { apiRoute } from '@/server/api/api-route';
import { pathId } from '@/server/api/path-id';

export const GET = apiRoute<{ id: string }>(async ({ req, tenant, params }) => {
  const workflowId = pathId(params.id, 'Workflow');
  await findWorkflow(tenant, workflowId);
  const url = new URL(req.url);
  const status = url.searchParams.getAll('status');
  return {
    runs: await listRuns(tenant, {
      workflowId,
      status: status.length ? (status as never) : undefined,
      limit: url.searchParams.get('limit') ?? undefined,
      before: url.searchParams.get('before') ?? undefined,
    } as never),
  };
});
