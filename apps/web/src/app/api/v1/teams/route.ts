import { listTeams } from '@baton/db';
import { apiRoute } from '@/server/api/api-route';

export const GET = apiRoute(async ({ tenant }) => ({ teams: await listTeams(tenant) }));
