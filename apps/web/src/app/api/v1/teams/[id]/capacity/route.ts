import { setTeamCapacity } from '@baton/db';
import { apiEndpoint } from '@/server/api/api-endpoint';
import { setTeamCapacityEndpoint } from '@/server/api/endpoints/team-endpoints';

export const PUT = apiEndpoint(setTeamCapacityEndpoint, async ({ tenant, id, body }) => ({ teamId: id, maxOpen: await setTeamCapacity(tenant, id, body.maxOpen) }));
