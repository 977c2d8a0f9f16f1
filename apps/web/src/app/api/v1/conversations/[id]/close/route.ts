import { apiEndpoint } from '@/server/api/api-endpoint';
import { closeConversation } from '@/server/after-commit/mutations';
import { closeConversationEndpoint } from '@/server/api/endpoints/conversation-endpoints';

export const POST = apiEndpoint(closeConversationEndpoint, async ({ tenant, id }) => {
  const result = await closeConversation(tenant, id, { type: 'api' }).handedOver();
  return { status: 'closed', changed: result.closed, cancelledRunIds: result.cancelledRunIds };
});
