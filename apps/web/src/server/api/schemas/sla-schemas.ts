import { z } from 'zod';
import { id, named } from './component-registry';

export const slaPolicySchema = named(
  'SlaPolicy',
  z.object({
    id: id(),
    name: z.string(),
    position: z.number().int().describe('0 first: the first policy whose conditions match a conversation applies'),
    conditions: z.object({
      channelIds: z.array(id()),
      teamIds: z.array(id()),
      tags: z.array(z.string()).describe('Contact tags, any of'),
      priorities: z.array(z.enum(['low', 'normal', 'high', 'urgent'])),
    }),
    targets: z.object({
      firstResponseSeconds: z.number().int().nullable(),
      nextResponseSeconds: z.number().int().nullable(),
      resolutionSeconds: z.number().int().nullable(),
    }),
    businessHours: z
      .union([z.object({ type: z.literal('workspace') }), z.object({ type: z.literal('team'), teamId: id() })])
      .nullable()
      .describe("null: calendar time; else the schedule whose open time the clocks count"),
    warningPercent: z.number().describe('The share of a target at which the warning fires'),
    pauseWhileWaitingOnCustomer: z.boolean().describe("The resolution clock does not count while the last message is the agent's"),
  }),
);
export const slaPolicyListSchema = named('SlaPolicyList', z.object({ policies: z.array(slaPolicySchema) }));
