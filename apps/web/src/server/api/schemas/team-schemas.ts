import { z } from 'zod';
import { dateTime, id, named } from './component-registry';

export const availabilitySchema = z.enum(['online', 'away', 'offline']);

export const userSchema = named(
  'User',
  z.object({
    id: id(),
    name: z.string(),
    email: z.string(),
    role: z.enum(['owner', 'admin', 'lead', 'agent']),
    availability: availabilitySchema,
    availabilityChangedAt: dateTime(),
    teams: z.array(z.object({ id: id(), name: z.string() })),
    openConversations: z.number().int().describe('Open conversations assigned to them'),
    capacity: z
      .number()
      .int()
      .nullable()
      .describe(
        'Most open conversations workflows and the queue give them: the smallest of their own override and their teams\' overrides, else the workspace default; null: unlimited',
      ),
    capacityOverride: z.number().int().nullable().describe('Their own capacity override (null: none); see `capacity` for how it combines'),
  }),
);
export const memberCapacitySchema = named(
  'MemberCapacity',
  z.object({
    userId: id(),
    capacityOverride: z.number().int().nullable().describe('Their own override as set (null: none)'),
    capacity: z.number().int().nullable().describe('Their capacity now (smallest override, else the workspace default; null: unlimited)'),
    openConversations: z.number().int(),
  }),
);
export const teamCapacitySchema = named(
  'TeamCapacity',
  z.object({ teamId: id(), maxOpen: z.number().int().nullable().describe("Capacity per agent for this team's members (null: no override)") }),
);
export const workspaceCapacitySchema = named(
  'WorkspaceCapacity',
  z.object({ defaultMaxOpen: z.number().int().nullable().describe('Capacity per agent when no member or team override applies (null: unlimited)') }),
);
export const userListSchema = named('UserList', z.object({ users: z.array(userSchema) }));
export const availabilityChangedSchema = named('AvailabilityChanged', z.object({ availability: availabilitySchema, availabilityChangedAt: dateTime() }));

export const teamSchema = named(
  'Team',
  z.object({
    id: id(),
    name: z.string(),
    createdAt: dateTime(),
    maxOpen: z.number().int().nullable().describe("Capacity per agent for this team's members (null: the workspace default)"),
    awayHandOn: z
      .enum(['leave', 'return_to_team', 'round_robin', 'least_open'])
      .nullable()
      .describe("What happens to a member's unanswered conversations of this team when they go away or offline (null: the workspace default)"),
    members: z.array(z.object({ userId: id(), name: z.string() })),
  }),
);
export const teamListSchema = named('TeamList', z.object({ teams: z.array(teamSchema) }));
