import { listConversationMessages, sendReply } from '@baton/db';
import { apiEndpoint } from '@/server/api/api-endpoint';
import { pageOf } from '@/server/api/contract/pagination';
import { dispatchDelivery } from '@/server/api/queue';
import { listMessagesEndpoint, sendReplyEndpoint } from '@/server/api/endpoints/conversation-endpoints';
import { announceConversations } from '@/server/realtime/realtime-publisher';

export const GET = apiEndpoint(listMessagesEndpoint, async ({ tenant, id, query }) => {
  const { limit, cursor, ...filters } = query;
  return pageOf('messages', await listConversationMessages(tenant, id, filters, { limit, after: cursor }));
});

export const POST = apiEndpoint(sendReplyEndpoint, async ({ tenant, id, body }) => {
  const result = await sendReply(tenant, id, body);
  if (result.needsDelivery) await dispatchDelivery(tenant.workspaceId, result.messageId);
  await announceConversations(tenant.workspaceId, [id], 'message');
  return result;
});
