import { z } from 'zod';
import { dateTime, id, named } from './component-registry';

export const problemSchema = named(
  'Problem',
  z.object({
    stepId: z.string().nullable(),
    field: z.string().nullable(),
    code: z.string(),
    message: z.string(),
  }),
);

const workflowStatus = z.enum(['draft', 'published', 'stopped']);

export const workflowSummarySchema = named(
  'WorkflowSummary',
  z.object({
    id: id(),
    name: z.string(),
    description: z.string().nullable(),
    status: workflowStatus,
    triggerEvent: z.string().nullable(),
    lastPublishedAt: dateTime().nullable(),
    updatedAt: dateTime(),
    runsLast24h: z.number().int(),
  }),
);

export const workflowListSchema = named('WorkflowList', z.object({ workflows: z.array(workflowSummarySchema) }));

export const workflowCreatedSchema = named(
  'WorkflowCreated',
  z.object({ id: id(), status: z.literal('draft'), problems: z.array(problemSchema).describe('What blocks publishing; empty when it can be published') }),
);

export const workflowSchema = named(
  'Workflow',
  z.object({
    id: id(),
    name: z.string(),
    description: z.string().nullable(),
    status: workflowStatus,
    definition: z.unknown().describe('The draft definition (see WorkflowDefinition)'),
    publishedVersionId: id().nullable(),
    lastPublishedAt: dateTime().nullable(),
    updatedAt: dateTime(),
    problems: z.array(problemSchema),
    versions: z.array(
      z.object({
        id: id(),
        version: z.number().int(),
        name: z.string(),
        publishedAt: dateTime(),
        publishedBy: id().nullable(),
        publishedByName: z.string().nullable(),
      }),
    ),
  }),
);

export const workflowSavedSchema = named('WorkflowSaved', z.object({ problems: z.array(problemSchema), updatedAt: dateTime() }));
export const workflowPublishedSchema = named('WorkflowPublished', z.object({ status: z.literal('published'), versionId: id(), version: z.number().int() }));
export const workflowStoppedSchema = named(
  'WorkflowStopped',
  z.object({ status: z.literal('stopped'), runsInFlight: z.number().int().describe('Runs still finishing on their version') }),
);
export const runStartingSchema = named('RunStarting', z.object({ eventId: id(), status: z.literal('starting') }));
