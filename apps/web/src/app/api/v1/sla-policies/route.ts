import { listSlaPolicies } from '@baton/db';
import { apiEndpoint } from '@/server/api/api-endpoint';
import { listSlaPoliciesEndpoint } from '@/server/api/endpoints/sla-endpoints';

export const GET = apiEndpoint(listSlaPoliciesEndpoint, async ({ tenant }) => ({ policies: await listSlaPolicies(tenant) }));
