import { listRunsPage } from '@baton/db';
import { apiEndpoint } from '@/server/api/api-endpoint';
import { pageOf } from '@/server/api/contract/pagination';
import { listRunsEndpoint } from '@/server/api/endpoints/workflow-endpoints';

export const GET = apiEndpoint(listRunsEndpoint, async ({ tenant, query }) => {
  const { limit, cursor, ...filters } = query;
  return pageOf('runs', await listRunsPage(tenant, filters, { limit, after: cursor }));
});
