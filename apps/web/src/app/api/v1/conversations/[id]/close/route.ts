import { closeConversation } from '@baton/db';
import { apiEndpoint } from '@/server/api/api-endpoint';
import { dispatchEvents } from '@/server/api/queue';
import { closeConversationEndpoint } from '@/server/api/endpoints/conversation-endpoints';
import { announceConversations } from '@/server/realtime/realtime-publisher';

export const POST = apiEndpoint(closeConversationEndpoint, async ({ tenant, id }) => {
  const result = await closeConversation(tenant, id, { type: 'api' });
  await dispatchEvents(tenant.workspaceId, result.outboxEventIds);
  if (result.closed) await announceConversations(tenant.workspaceId, [id], 'status');
  return { status: 'closed', changed: result.closed, cancelledRunIds: result.cancelledRunIds };
});
