import { getWorkspaceCapacity, setWorkspaceCapacity } from '@baton/db';
import { apiEndpoint } from '@/server/api/api-endpoint';
import { getWorkspaceCapacityEndpoint, setWorkspaceCapacityEndpoint } from '@/server/api/endpoints/team-endpoints';

export const GET = apiEndpoint(getWorkspaceCapacityEndpoint, async ({ tenant }) => ({ defaultMaxOpen: await getWorkspaceCapacity(tenant) }));

export const PUT = apiEndpoint(setWorkspaceCapacityEndpoint, async ({ tenant, body }) => ({ defaultMaxOpen: await setWorkspaceCapacity(tenant, body.defaultMaxOpen) }));
