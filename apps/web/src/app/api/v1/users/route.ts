import { listMembers } from '@baton/db';
import { apiEndpoint } from '@/server/api/api-endpoint';
import { listUsersEndpoint } from '@/server/api/endpoints/team-endpoints';

export const GET = apiEndpoint(listUsersEndpoint, async ({ tenant }) => ({
  users: (await listMembers(tenant)).map((m) => ({
    id: m.userId,
    name: m.name,
    email: m.email,
    role: m.role,
    availability: m.availability,
    availabilityChangedAt: m.availabilityChangedAt,
    teams: m.teams,
  })),
}));
