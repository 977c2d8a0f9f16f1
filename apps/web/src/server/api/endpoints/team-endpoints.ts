import { z } from 'zod';
import { defineEndpoint } from '../contract/define-endpoint';
import { availabilityChangedSchema, availabilitySchema, teamListSchema, teamSchema, userListSchema } from '../schemas/team-schemas';

const tag = 'Team';

export const listUsersEndpoint = defineEndpoint({
  method: 'get', path: '/users', operationId: 'listUsers', scope: 'team:read', tag, summary: 'Members with role, availability and teams', responses: { 200: userListSchema },
});
export const setAvailabilityEndpoint = defineEndpoint({
  method: 'put', path: '/users/{id}/availability', operationId: 'setAvailability', scope: 'team:manage', tag, pathId: 'User', summary: 'Set availability',
  body: { schema: z.object({ availability: availabilitySchema }), name: 'Availability' },
  responses: { 200: availabilityChangedSchema }, errors: [404],
});
export const listTeamsEndpoint = defineEndpoint({
  method: 'get', path: '/teams', operationId: 'listTeams', scope: 'team:read', tag, summary: 'Teams with members', responses: { 200: teamListSchema },
});
export const createTeamEndpoint = defineEndpoint({
  method: 'post', path: '/teams', operationId: 'createTeam', scope: 'team:manage', tag, summary: 'Create a team (names are unique in the workspace)',
  body: { schema: z.object({ name: z.string().trim().min(1).max(100) }), name: 'CreateTeam' },
  responses: { 201: teamSchema }, errors: [409],
});
export const addTeamMemberEndpoint = defineEndpoint({
  method: 'post', path: '/teams/{id}/members', operationId: 'addTeamMember', scope: 'team:manage', tag, pathId: 'Team',
  summary: 'Add a workspace member to the team (adding twice changes nothing)',
  body: { schema: z.object({ userId: z.uuid() }), name: 'AddTeamMember' },
  responses: { 200: teamSchema }, errors: [404],
});
