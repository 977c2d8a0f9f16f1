import { addTeamMember } from '@baton/db';
import { apiEndpoint } from '@/server/api/api-endpoint';
import { addTeamMemberEndpoint } from '@/server/api/endpoints/team-endpoints';
import { findTeam } from '@/server/api/views/find-team';

export const POST = apiEndpoint(addTeamMemberEndpoint, async ({ tenant, id, body }) => {
  await addTeamMember(tenant, id, body.userId);
  return findTeam(tenant, id);
});
