import { DomainError, getMemberLoad, setMemberCapacity } from '@baton/db';
import { apiEndpoint } from '@/server/api/api-endpoint';
import { setMemberCapacityEndpoint } from '@/server/api/endpoints/team-endpoints';

export const PUT = apiEndpoint(setMemberCapacityEndpoint, async ({ tenant, id, body }) => {
  await setMemberCapacity(tenant, id, body.capacity);
  const load = await getMemberLoad(tenant, id);
  if (!load) throw new DomainError('not_found', 'Member not found');
  return { userId: id, capacityOverride: load.capacityOverride, capacity: load.capacity, openConversations: load.openCount };
});
