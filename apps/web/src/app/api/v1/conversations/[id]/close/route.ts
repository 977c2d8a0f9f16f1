import { closeConversation } from '@baton/db';
import { apiRoute } from '@/server/api/api-route';
import { pathId } from '@/server/api/path-id';
import { dispatchEvents } from '@/server/api/queue';
import { announceConversations } from '@/server/realtime/realtime-publisher';

export const POST = apiRoute<{ id: string }>(async ({ tenant, params }) => {
  const conversationId = pathId(params.id, 'Conversation');
  const result = await closeConversation(tenant, conversationId, { type: 'api' });
  await dispatchEvents(tenant.workspaceId, result.outboxEventIds);
  if (result.closed) await announceConversations(tenant.workspaceId, [conversationId], 'status');
  return { status: 'closed', changed: result.closed, cancelledRunIds: result.cancelledRunIds };
});
