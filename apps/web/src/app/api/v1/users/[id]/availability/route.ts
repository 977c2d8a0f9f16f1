import { setAvailability } from '@baton/db';
import { apiEndpoint } from '@/server/api/api-endpoint';
import { setAvailabilityEndpoint } from '@/server/api/endpoints/team-endpoints';
import { announceAvailability } from '@/server/realtime/realtime-publisher';

export const PUT = apiEndpoint(setAvailabilityEndpoint, async ({ tenant, id, body }) => {
  const result = await setAvailability(tenant, id, body.availability);
  await announceAvailability(tenant.workspaceId, id);
  return result;
});
