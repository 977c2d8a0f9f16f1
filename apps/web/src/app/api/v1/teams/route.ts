import { createTeam, listTeams } from '@baton/db';
import { apiEndpoint } from '@/server/api/api-endpoint';
import { createTeamEndpoint, listTeamsEndpoint } from '@/server/api/endpoints/team-endpoints';
import { findTeam } from '@/server/api/views/find-team';

export const GET = apiEndpoint(listTeamsEndpoint, async ({ tenant }) => ({ teams: await listTeams(tenant) }));

export const POST = apiEndpoint(createTeamEndpoint, async ({ tenant, body }) => findTeam(tenant, (await createTeam(tenant, body.name)).id));
