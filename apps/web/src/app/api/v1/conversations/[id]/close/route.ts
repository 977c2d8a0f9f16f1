import { closeConversation } from '@baton/db';
import { apiRoute } from '@/server/api/api-route';
import { pathId } from '@/server/api/path-id';
import { dispatchEvents } from '@/server/api/queue';

export const POST = apiRoute<{ id: string }>(async ({ tenant, params }) => {
  const result = await closeConversation(tenant, pathId(params.id, 'Conversation'), { type: 'api' });
  await dispatchEvents(tenant.workspaceId, result.outboxEventIds);
  return { status: 'closed', changed: result.closed, cancelledRunIds: result.cancelledRunIds };
});
