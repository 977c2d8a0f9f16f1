import { listMembers } from '@baton/db';
import { apiRoute } from '@/server/api/api-route';

export const GET = apiRoute(async ({ tenant }) => ({
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
