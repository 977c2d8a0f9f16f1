import { z } from 'zod';
import { dateTime, id, named } from './component-registry';
import { nextCursorSchema } from '../contract/pagination';

export const runStatusSchema = z.enum(['running', 'waiting', 'completed', 'failed', 'cancelled']);

export const runSummarySchema = named(
  'RunSummary',
  z.object({
    id: id(),
    status: runStatusSchema,
    workflowId: id(),
    workflowName: z.string(),
    version: z.number().int(),
    conversationId: id(),
    contactName: z.string().nullable(),
    currentStepId: z.string().nullable(),
    wakeAt: dateTime().nullable(),
    startedAt: dateTime(),
    finishedAt: dateTime().nullable(),
    error: z.string().nullable(),
  }),
);

export const runListSchema = named('RunList', z.object({ runs: z.array(runSummarySchema), nextCursor: nextCursorSchema }));

export const runStepSchema = named(
  'RunStep',
  z.object({
    id: id(),
    seq: z.number().int(),
    stepId: z.string(),
    stepType: z.string(),
    output: z.string().nullable(),
    decision: z.unknown().describe('For an assignment: candidates, exclusions, tie-break, winner and explanation'),
    effects: z.unknown(),
    error: z.string().nullable(),
    actorUserId: id().nullable(),
    startedAt: dateTime(),
    finishedAt: dateTime().nullable(),
  }),
);

export const runSchema = named(
  'Run',
  z.object({
    id: id(),
    status: runStatusSchema,
    workflowId: id(),
    workflowVersionId: id(),
    workflowName: z.string(),
    version: z.number().int(),
    definition: z.unknown().describe('The definition of the version the run follows'),
    conversationId: id(),
    conversationStatus: z.enum(['open', 'closed']),
    contactName: z.string().nullable(),
    currentStepId: z.string().nullable(),
    wakeAt: dateTime().nullable(),
    error: z.string().nullable(),
    startedAt: dateTime(),
    updatedAt: dateTime(),
    finishedAt: dateTime().nullable(),
    steps: z.array(runStepSchema),
  }),
);
