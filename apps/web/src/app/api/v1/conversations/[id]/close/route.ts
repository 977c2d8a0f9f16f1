import { apiEndpoint } from '@/server/api/api-endpoint';
import { closeConversation } from '@/server/after-commit/mutations';
import { closeConversationEndpoint } from '@/server/api/endpoints/conversation-endpoints';
import { announceConversations } from '@/server/realtime/realtime-publisher';

export const POST = apiEndpoint(closeConversationEndpoint, async ({ tenant, id }) => {
  const result = await closeConversation(tenant, id, { type: 'api' }).handedOver();
  if (result.closed) await announceConversations(tenant.workspaceId, [id], 'status');
  return { status: 'closed', changed: result.closed, cancelledRunIds: result.cancelledRunIds };
});
