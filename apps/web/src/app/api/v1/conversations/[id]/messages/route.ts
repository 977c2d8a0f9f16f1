import { listConversationMessages } from '@baton/db';
import { apiEndpoint } from '@/server/api/api-endpoint';
import { pageOf } from '@/server/api/contract/pagination';
import { sendReply } from '@/server/after-commit/mutations';
import { listMessagesEndpoint, sendReplyEndpoint } from '@/server/api/endpoints/conversation-endpoints';

export const GET = apiEndpoint(listMessagesEndpoint, async ({ tenant, id, query }) => {
  const { limit, cursor, ...filters } = query;
  return pageOf('messages', await listConversationMessages(tenant, id, filters, { limit, after: cursor }));
});

// The key's integration replies on behalf of the member named in the body (their reply for
// first response and the reply clock), recorded as sent via the API with this key.
export const POST = apiEndpoint(sendReplyEndpoint, async ({ tenant, id, body, apiKeyId }) => {
  return sendReply(tenant, id, body, { via: 'api', apiKeyId }).handedOver();
});
