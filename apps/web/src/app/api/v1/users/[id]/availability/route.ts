import { apiEndpoint } from '@/server/api/api-endpoint';
import { setAvailabilityEndpoint } from '@/server/api/endpoints/team-endpoints';
import { setAvailability } from '@/server/after-commit/mutations';

export const PUT = apiEndpoint(setAvailabilityEndpoint, async ({ tenant, id, body }) => {
  // The inboxes hear of the change and of the conversations handed on through the receipt.
  const result = await setAvailability(tenant, id, body.availability, { type: 'api' }).handedOver();
  return { availability: result.availability, availabilityChangedAt: result.availabilityChangedAt };
});
