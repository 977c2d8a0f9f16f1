import { listApiKeys, publishWorkflow } from '@baton/db';
import { apiEndpoint } from '@/server/api/api-endpoint';
import { publishWorkflowEndpoint } from '@/server/api/endpoints/workflow-endpoints';

export const POST = apiEndpoint(publishWorkflowEndpoint, async ({ tenant, id, body, apiKeyId }) => {
  const moves = body?.moves ?? [];
  // Moved runs' traces say who decided: here, the key (by its name) rather than a member.
  const key = moves.length ? (await listApiKeys(tenant)).find((k) => k.id === apiKeyId) : undefined;
  const { versionId, version } = await publishWorkflow(tenant, id, null, { moves, actorName: key ? `API key "${key.name}"` : undefined });
  return { status: 'published', versionId, version };
});
