import { z } from 'zod';
import { capacitySchema } from '@baton/db';
import { defineEndpoint } from '../contract/define-endpoint';
import {
  availabilityChangedSchema,
  availabilitySchema,
  memberCapacitySchema,
  teamCapacitySchema,
  teamListSchema,
  teamSchema,
  userListSchema,
  workspaceCapacitySchema,
} from '../schemas/team-schemas';

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

// Capacity per agent (issue #16 item 4). A whole number ≥ 1, or null to remove the override;
// anything else is a 400 naming the field.
const CAPACITY_RULE =
  "A member's capacity is the smallest of their own override and their teams' overrides; with none set, the workspace default; null everywhere: unlimited. Raising one wakes the queues.";
export const setMemberCapacityEndpoint = defineEndpoint({
  method: 'put', path: '/users/{id}/capacity', operationId: 'setMemberCapacity', scope: 'team:manage', tag, pathId: 'User',
  summary: "Set a member's own capacity override", description: CAPACITY_RULE,
  body: { schema: z.object({ capacity: capacitySchema.describe('Most open conversations for this member (≥ 1), or null for no override') }), name: 'SetMemberCapacity' },
  responses: { 200: memberCapacitySchema }, errors: [404],
});
export const setTeamCapacityEndpoint = defineEndpoint({
  method: 'put', path: '/teams/{id}/capacity', operationId: 'setTeamCapacity', scope: 'team:manage', tag, pathId: 'Team',
  summary: "Set a team's capacity per agent", description: CAPACITY_RULE,
  body: { schema: z.object({ maxOpen: capacitySchema.describe("Most open conversations per member of this team (≥ 1), or null for no override") }), name: 'SetTeamCapacity' },
  responses: { 200: teamCapacitySchema }, errors: [404],
});
export const getWorkspaceCapacityEndpoint = defineEndpoint({
  method: 'get', path: '/capacity', operationId: 'getWorkspaceCapacity', scope: 'team:read', tag, summary: "The workspace's default capacity per agent",
  description: CAPACITY_RULE, responses: { 200: workspaceCapacitySchema },
});
export const setWorkspaceCapacityEndpoint = defineEndpoint({
  method: 'put', path: '/capacity', operationId: 'setWorkspaceCapacity', scope: 'team:manage', tag, summary: "Set the workspace's default capacity per agent",
  description: CAPACITY_RULE,
  body: { schema: z.object({ defaultMaxOpen: capacitySchema.describe('Most open conversations per agent (≥ 1), or null for unlimited') }), name: 'SetWorkspaceCapacity' },
  responses: { 200: workspaceCapacitySchema },
});
