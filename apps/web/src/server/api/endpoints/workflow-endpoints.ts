import { z } from 'zod';
import { createWorkflowSchema, updateWorkflowSchema } from '@baton/db';
import { defineEndpoint } from '../contract/define-endpoint';
import {
  runStartingSchema,
  workflowCreatedSchema,
  workflowListSchema,
  workflowPublishedSchema,
  workflowSavedSchema,
  workflowSchema,
  workflowStoppedSchema,
} from '../schemas/workflow-schemas';
import { runListSchema, runSchema, runStatusSchema } from '../schemas/run-schemas';
import { pageQuery } from '../contract/pagination';

const tag = 'Workflows';

const stepIdSchema = z.string().min(1).max(80);
const publishWorkflowBodySchema = z
  .object({
    moves: z
      .array(
        z
          .object({
            fromStepId: stepIdSchema.describe('A step of the current published version where runs wait (wait, wait until, assign with a queue)'),
            toStepId: stepIdSchema.describe('The step of the new version they continue at'),
          })
          .strict(),
      )
      .max(100)
      .optional()
      .describe('Move runs waiting at these steps to the new version; runs at other steps finish on their version (the default)'),
  })
  .strict();

export const listWorkflowsEndpoint = defineEndpoint({
  method: 'get', path: '/workflows', operationId: 'listWorkflows', scope: 'workflows:read', tag, summary: 'List workflows', responses: { 200: workflowListSchema },
});
export const createWorkflowEndpoint = defineEndpoint({
  method: 'post', path: '/workflows', operationId: 'createWorkflow', scope: 'workflows:manage', tag, summary: 'Create a draft workflow',
  body: { schema: createWorkflowSchema, name: 'CreateWorkflow' },
  responses: { 201: workflowCreatedSchema },
});
export const getWorkflowEndpoint = defineEndpoint({
  method: 'get', path: '/workflows/{id}', operationId: 'getWorkflow', scope: 'workflows:read', tag, pathId: 'Workflow',
  summary: 'A workflow with its draft, problems and versions', responses: { 200: workflowSchema }, errors: [404],
});
export const updateWorkflowEndpoint = defineEndpoint({
  method: 'put', path: '/workflows/{id}', operationId: 'updateWorkflow', scope: 'workflows:manage', tag, pathId: 'Workflow', summary: 'Update the draft',
  body: { schema: updateWorkflowSchema, name: 'UpdateWorkflow' }, responses: { 200: workflowSavedSchema }, errors: [404],
});
export const publishWorkflowEndpoint = defineEndpoint({
  method: 'post', path: '/workflows/{id}/publish', operationId: 'publishWorkflow', scope: 'workflows:manage', tag, pathId: 'Workflow',
  summary: 'Publish the draft as a new immutable version',
  description:
    'A draft with problems is refused with 400 `invalid_workflow` listing them in `details.problems`. ' +
    'Runs waiting on the current version finish on it unless `moves` names their step: runs waiting there then move to the new version ' +
    'at `toStepId` (the worker moves them in batches, each recorded in the run\'s steps; its timer is re-planned). ' +
    'A step either version does not have is a 400 naming the field (`moves.0.toStepId`), and nothing is published.',
  body: { schema: publishWorkflowBodySchema, name: 'PublishWorkflow' },
  responses: { 200: workflowPublishedSchema }, errors: [404],
});
export const unpublishWorkflowEndpoint = defineEndpoint({
  method: 'post', path: '/workflows/{id}/unpublish', operationId: 'unpublishWorkflow', scope: 'workflows:manage', tag, pathId: 'Workflow',
  summary: 'Stop new runs (runs in flight finish on their version)', responses: { 200: workflowStoppedSchema }, errors: [404],
});

const runFilters = {
  status: z.array(runStatusSchema).optional().describe('Only runs in these statuses (repeat the parameter or separate with commas)'),
  conversationId: z.uuid({ error: 'conversationId must be a conversation id' }).optional(),
  from: z.iso.datetime({ offset: true, error: 'from must be an ISO 8601 date-time' }).optional().describe('Started at or after'),
  to: z.iso.datetime({ offset: true, error: 'to must be an ISO 8601 date-time' }).optional().describe('Started at or before'),
};

export const listWorkflowRunsEndpoint = defineEndpoint({
  method: 'get', path: '/workflows/{id}/runs', operationId: 'listWorkflowRuns', scope: 'workflows:read', tag, pathId: 'Workflow',
  summary: 'Runs of a workflow, newest first',
  query: z.object({
    ...runFilters,
    ...pageQuery,
    before: z.iso.datetime({ offset: true, error: 'before must be an ISO 8601 date-time' }).optional().describe('Deprecated: use cursor. Runs started before this instant'),
  }),
  responses: { 200: runListSchema }, errors: [404],
});
export const startWorkflowRunEndpoint = defineEndpoint({
  method: 'post', path: '/workflows/{id}/runs', operationId: 'startWorkflowRun', scope: 'workflows:manage', tag, pathId: 'Workflow',
  summary: 'Start a workflow with a manual trigger on a conversation',
  body: { schema: z.object({ conversationId: z.uuid() }), name: 'StartRun' },
  responses: { 202: runStartingSchema }, errors: [404, 409],
});

export const listRunsEndpoint = defineEndpoint({
  method: 'get', path: '/runs', operationId: 'listRuns', scope: 'workflows:read', tag: 'Runs', summary: 'Runs across workflows, newest first',
  query: z.object({ workflowId: z.uuid({ error: 'workflowId must be a workflow id' }).optional(), ...runFilters, ...pageQuery }),
  responses: { 200: runListSchema },
});
export const getRunEndpoint = defineEndpoint({
  method: 'get', path: '/runs/{id}', operationId: 'getRun', scope: 'workflows:read', tag: 'Runs', pathId: 'Run',
  summary: 'A run with every step and its decision', responses: { 200: runSchema }, errors: [404],
});
