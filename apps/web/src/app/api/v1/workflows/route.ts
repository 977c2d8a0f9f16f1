import { createWorkflow, createWorkflowSchema, listWorkflows } from '@baton/db';
import { apiRoute, created } from '@/server/api/api-route';
import { readJson } from '@/server/api/read-json';

export const POST = apiRoute(async ({ req, tenant }) => {
  const body = createWorkflowSchema.parse(await readJson(req));
  const result = await createWorkflow(tenant, body, null);
  return created({ id: result.id, status: 'draft', problems: result.problems });
});

export const GET = apiRoute(async ({ tenant }) => ({ workflows: await listWorkflows(tenant) }));
