import { listConversationEvents } from '@baton/db';
import { apiEndpoint } from '@/server/api/api-endpoint';
import { pageOf } from '@/server/api/contract/pagination';
import { listEventsEndpoint } from '@/server/api/endpoints/conversation-endpoints';

export const GET = apiEndpoint(listEventsEndpoint, async ({ tenant, id, query }) => {
  const { limit, cursor, ...filters } = query;
  return pageOf('events', await listConversationEvents(tenant, id, filters, { limit, after: cursor }));
});
