import { listContacts } from '@baton/db';
import { apiEndpoint } from '@/server/api/api-endpoint';
import { pageOf } from '@/server/api/contract/pagination';
import { listContactsEndpoint } from '@/server/api/endpoints/conversation-endpoints';

export const GET = apiEndpoint(listContactsEndpoint, async ({ tenant, query }) => {
  const { limit, cursor, ...filters } = query;
  return pageOf('contacts', await listContacts(tenant, filters, { limit, after: cursor }));
});
