import { listConversations, listSlaClocksOf } from '@baton/db';
import { apiEndpoint } from '@/server/api/api-endpoint';
import { pageOf } from '@/server/api/contract/pagination';
import { listConversationsEndpoint } from '@/server/api/endpoints/conversation-endpoints';

export const GET = apiEndpoint(listConversationsEndpoint, async ({ tenant, query }) => {
  const { limit, cursor, updatedSince, ...filters } = query;
  const page = await listConversations(tenant, { ...filters, updatedSince: updatedSince ? new Date(updatedSince) : undefined }, { limit, after: cursor });
  const sla = await listSlaClocksOf(tenant, page.items.map((c) => c.id));
  return pageOf('conversations', { ...page, items: page.items.map((c) => ({ ...c, sla: sla.get(c.id) ?? [] })) });
});
