import { getWorkflow, updateWorkflow, updateWorkflowSchema } from '@baton/db';
import { apiRoute } from '@/server/api/api-route';
import { pathId } from '@/server/api/path-id';
import { readJson } from '@/server/api/read-json';

export const GET = apiRoute<{ id: string }>(async ({ tenant, params }) => {
  const wf = await getWorkflow(tenant, pathId(params.id, 'Workflow'));
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

export const PUT = apiRoute<{ id: string }>(async ({ req, tenant, params }) => {
  const id = pathId(params.id, 'Workflow');
  const body = updateWorkflowSchema.parse(await readJson(req));
  return updateWorkflow(tenant, id, body, null);
});
