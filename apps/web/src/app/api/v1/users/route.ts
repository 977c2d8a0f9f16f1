import { listMemberLoads, listMembers } from '@baton/db';
import { apiEndpoint } from '@/server/api/api-endpoint';
import { listUsersEndpoint } from '@/server/api/endpoints/team-endpoints';

export const GET = apiEndpoint(listUsersEndpoint, async ({ tenant }) => {
  const [members, loads] = await Promise.all([listMembers(tenant), listMemberLoads(tenant)]);
  const loadOf = new Map(loads.map((l) => [l.userId, l]));
  return {
    users: members.map((m) => ({
      id: m.userId,
      name: m.name,
      email: m.email,
      role: m.role,
      availability: m.availability,
      availabilityChangedAt: m.availabilityChangedAt,
      teams: m.teams,
      openConversations: loadOf.get(m.userId)?.openCount ?? 0,
      capacity: loadOf.get(m.userId)?.capacity ?? null,
      capacityOverride: loadOf.get(m.userId)?.capacityOverride ?? null,
    })),
  };
});
