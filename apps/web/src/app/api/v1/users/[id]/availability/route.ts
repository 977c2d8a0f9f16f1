import { setAvailability } from '@baton/db';
import { apiEndpoint } from '@/server/api/api-endpoint';
import { setAvailabilityEndpoint } from '@/server/api/endpoints/team-endpoints';
import { announceAvailability, announceConversations } from '@/server/realtime/realtime-publisher';

export const PUT = apiEndpoint(setAvailabilityEndpoint, async ({ tenant, id, body }) => {
  const result = await setAvailability(tenant, id, body.availability, { type: 'api' });
  await announceAvailability(tenant.workspaceId, id);
  if (result.handedOn.length) await announceConversations(tenant.workspaceId, result.handedOn.map((h) => h.conversationId), 'assignment');
  return { availability: result.availability, availabilityChangedAt: result.availabilityChangedAt };
});
