import { z } from 'zod';
import { definitionJsonSchema } from '@baton/engine';
import { createWorkflowSchema, inboundMessageSchema, replySchema, updateWorkflowSchema } from '@baton/db';

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const body = (name: string) => ({ required: true, content: { 'application/json': { schema: ref(name) } } });
const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const errors = {
  '400': { description: 'Invalid input; `error.details` names each failing field', content: { 'application/json': { schema: ref('Error') } } },
  '401': { description: 'Missing, unknown or revoked API key', content: { 'application/json': { schema: ref('Error') } } },
  '404': { description: 'Not found in this workspace', content: { 'application/json': { schema: ref('Error') } } },
  '413': { description: 'Request body larger than the limit (1 MiB by default; the message says the limit)', content: { 'application/json': { schema: ref('Error') } } },
  '429': { description: 'Rate limited; retry after `Retry-After` seconds', content: { 'application/json': { schema: ref('Error') } } },
};
const idParam = (name: string) => [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' }, description: `${name} id` }];

/** The public API, described from the same zod schemas the handlers parse with. */
export function openApiDocument(baseUrl: string) {
  return {
    openapi: '3.1.0',
    info: { title: 'Baton API', version: '1.0.0', description: 'Route customer conversations to agents and hand them on in time.' },
    servers: [{ url: `${baseUrl}/api/v1` }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'A workspace API key (Settings → API keys)' },
        channelSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'x-baton-signature',
          description: 'sha256=HMAC-SHA256(channel secret, "<x-baton-timestamp>.<raw body>") as hex; timestamp in unix seconds, ±5 minutes',
        },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } },
        },
        WorkflowDefinition: definitionJsonSchema(),
        CreateWorkflow: json(createWorkflowSchema),
        UpdateWorkflow: json(updateWorkflowSchema),
        InboundMessage: json(inboundMessageSchema),
        Reply: json(replySchema),
        Availability: { type: 'object', required: ['availability'], properties: { availability: { enum: ['online', 'away', 'offline'] } } },
      },
    },
    paths: {
      '/workflows': {
        get: { summary: 'List workflows', responses: { '200': ok('Workflows'), ...errors } },
        post: { summary: 'Create a draft workflow', requestBody: body('CreateWorkflow'), responses: { '201': ok('Created; `problems` lists what blocks publishing'), ...errors } },
      },
      '/workflows/{id}': {
        parameters: idParam('Workflow'),
        get: { summary: 'A workflow with its draft, problems and versions', responses: { '200': ok('Workflow'), ...errors } },
        put: { summary: 'Update the draft', requestBody: body('UpdateWorkflow'), responses: { '200': ok('Saved; `problems` lists what blocks publishing'), ...errors } },
      },
      '/workflows/{id}/publish': {
        parameters: idParam('Workflow'),
        post: { summary: 'Publish the draft as a new immutable version', responses: { '200': ok('Published'), ...errors } },
      },
      '/workflows/{id}/unpublish': {
        parameters: idParam('Workflow'),
        post: { summary: 'Stop new runs (runs in flight finish on their version)', responses: { '200': ok('Stopped'), ...errors } },
      },
      '/workflows/{id}/runs': {
        parameters: idParam('Workflow'),
        get: { summary: 'Runs of a workflow, newest first (?status=, ?limit=, ?before=)', responses: { '200': ok('Runs'), ...errors } },
        post: {
          summary: 'Start a workflow with a manual trigger on a conversation',
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['conversationId'], properties: { conversationId: { type: 'string', format: 'uuid' } } } } } },
          responses: { '202': ok('Starting'), '409': ok('Not published'), ...errors },
        },
      },
      '/runs/{id}': { parameters: idParam('Run'), get: { summary: 'A run with every step and its decision', responses: { '200': ok('Run'), ...errors } } },
      '/channels/{id}/messages': {
        parameters: idParam('Channel'),
        post: {
          summary: 'Inbound customer message on a custom channel',
          description: 'Opens a conversation when the contact has none open. Idempotent by `externalId`.',
          security: [{ apiKey: [] }, { channelSignature: [] }],
          requestBody: body('InboundMessage'),
          responses: { '201': ok('Stored'), '200': ok('Duplicate externalId: already stored'), ...errors },
        },
      },
      '/conversations/{id}': { parameters: idParam('Conversation'), get: { summary: 'Conversation with the latest page of its events, comments and messages (?limit= per list, default 100, max 500; ?before= the olderBefore of the previous answer for older items; olderBefore is null when none are left)', responses: { '200': ok('Conversation'), ...errors } } },
      '/conversations/{id}/messages': {
        parameters: idParam('Conversation'),
        post: { summary: 'Outgoing reply by a user', requestBody: body('Reply'), responses: { '201': ok('Sent'), '409': ok('Conversation closed'), ...errors } },
      },
      '/conversations/{id}/close': { parameters: idParam('Conversation'), post: { summary: 'Close the conversation (ends its waiting runs)', responses: { '200': ok('Closed'), ...errors } } },
      '/users': { get: { summary: 'Members with role and availability', responses: { '200': ok('Users'), ...errors } } },
      '/users/{id}/availability': {
        parameters: idParam('User'),
        put: { summary: 'Set availability', requestBody: body('Availability'), responses: { '200': ok('Updated'), ...errors } },
      },
      '/teams': { get: { summary: 'Teams with members', responses: { '200': ok('Teams'), ...errors } } },
    },
  };
}
