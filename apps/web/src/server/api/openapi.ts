import { z } from 'zod';
import { definitionJsonSchema } from '@baton/engine';
import { API_KEY_SCOPES, API_KEY_SCOPE_LABELS } from '@baton/db';
import type { Endpoint, ErrorStatus } from './contract/define-endpoint';
import { ALL_ENDPOINTS } from './endpoints/all-endpoints';
import { responseComponents } from './schemas/component-registry';
import './schemas/error-schema';

const COMPONENT = (id: string) => `#/components/schemas/${id}`;
const ref = (id: string) => ({ $ref: COMPONENT(id) });

/** Request bodies as the caller writes them (defaults optional, before transforms). */
const inputSchema = (schema: z.ZodType) => strip(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));

function strip(schema: Record<string, unknown>) {
  const { $schema: _s, $id: _i, ...rest } = schema;
  void _s;
  void _i;
  return rest;
}

/** Response components, with `additionalProperties: false`: a response holds exactly what is declared. */
function responseSchemas(): Record<string, unknown> {
  const { schemas } = z.toJSONSchema(responseComponents, { io: 'output', uri: COMPONENT, unrepresentable: 'any' });
  // By id: registration order follows module evaluation order, which a bundler may change.
  return Object.fromEntries(
    Object.entries(schemas)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, s]) => [id, strip(s as Record<string, unknown>)]),
  );
}

function responseId(schema: z.ZodType): string {
  const meta = responseComponents.get(schema);
  if (!meta) throw new Error('every response schema must be registered with named()');
  return meta.id;
}

const ERROR_TEXT: Record<ErrorStatus, string> = {
  400: 'Invalid input; `error.details` names each failing field or parameter',
  401: 'Missing, unknown or revoked API key',
  403: 'The API key lacks the scope this operation needs (`insufficient_scope`; `error.details` names it), or the action is not allowed',
  404: 'Not found in this workspace',
  409: 'Conflict with the current state, or an Idempotency-Key reused with a different request',
  413: 'Request body larger than the limit (1 MiB by default; the message says the limit)',
  429: 'Rate limited; retry after `Retry-After` seconds',
};
const ALWAYS: ErrorStatus[] = [400, 401, 403, 413, 429];

const IDEMPOTENCY_PARAMETER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Any unique string (1–255 visible ASCII characters, e.g. a UUID). A retry with the same key and the same request gets the first answer again, with `Idempotent-Replayed: true`, for 24 hours; the same key with a different method, path or body is a 409 `idempotency_key_reused`. Keys are per API key; signed (HMAC) requests have none.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

function queryParameters(endpoint: Endpoint) {
  if (!endpoint.query) return [];
  return Object.entries(endpoint.query.shape as Record<string, z.ZodType>).map(([name, field]) => {
    const schema = inputSchema(field);
    const { description, ...rest } = schema as { description?: string };
    const array = (rest as { type?: string }).type === 'array';
    return {
      name,
      in: 'query',
      required: !field.safeParse(undefined).success,
      ...(description ? { description } : {}),
      schema: rest,
      ...(array ? { style: 'form', explode: true } : {}),
    };
  });
}

function operation(endpoint: Endpoint) {
  const successes = Object.entries(endpoint.responses).map(([status, schema]) => [
    status,
    { description: status === '202' ? 'Accepted' : status === '201' ? 'Created' : 'OK', content: { 'application/json': { schema: ref(responseId(schema!)) } } },
  ]);
  const errors = [...new Set([...ALWAYS, ...(endpoint.errors ?? []), ...(endpoint.method === 'post' ? [409 as const] : [])])]
    .sort()
    .map((status) => [String(status), { description: ERROR_TEXT[status], content: { 'application/json': { schema: ref('Error') } } }]);
  const parameters = [
    ...(endpoint.method === 'post' ? [IDEMPOTENCY_PARAMETER] : []),
    ...(endpoint.pathId ? [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' }, description: `${endpoint.pathId} id` }] : []),
    ...queryParameters(endpoint),
  ];
  return {
    operationId: endpoint.operationId,
    summary: endpoint.summary,
    ...(endpoint.description ? { description: endpoint.description } : {}),
    tags: [endpoint.tag],
    // OpenAPI 3.1 lets non-OAuth schemes list required roles: the key's scope for this operation.
    security: endpoint.signed ? [{ apiKey: [endpoint.scope] }, { channelSignature: [] }] : [{ apiKey: [endpoint.scope] }],
    'x-baton-scope': endpoint.scope,
    ...(parameters.length ? { parameters } : {}),
    ...(endpoint.body ? { requestBody: { required: endpoint.body.required ?? true, content: { 'application/json': { schema: ref(endpoint.body.name) } } } } : {}),
    responses: Object.fromEntries([...successes, ...errors]),
  };
}

/** The public API, generated from the endpoint declarations the route handlers are built from. */
export function openApiDocument(baseUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const bodies: Record<string, unknown> = {};
  for (const endpoint of ALL_ENDPOINTS) {
    (paths[endpoint.path] ??= {})[endpoint.method] = operation(endpoint);
    if (endpoint.body) bodies[endpoint.body.name] = inputSchema(endpoint.body.schema);
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Baton API', version: '1.0.0', description: 'Route customer conversations to agents and hand them on in time.' },
    servers: [{ url: `${baseUrl}/api/v1` }],
    security: [{ apiKey: [] }],
    tags: [...new Set(ALL_ENDPOINTS.map((e) => e.tag))].map((name) => ({ name })),
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: `A workspace API key (Settings → API keys). Each key has scopes; each operation needs one (its security requirement), else 403 \`insufficient_scope\`. Scopes: ${API_KEY_SCOPES.map((s) => `\`${s}\` (${API_KEY_SCOPE_LABELS[s]})`).join(', ')}.`,
        },
        channelSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'x-baton-signature',
          description: 'sha256=HMAC-SHA256(channel secret, "<x-baton-timestamp>.<raw body>") as hex; timestamp in unix seconds, ±5 minutes',
        },
      },
      schemas: { ...responseSchemas(), WorkflowDefinition: definitionJsonSchema(), ...Object.fromEntries(Object.entries(bodies).sort(([a], [b]) => a.localeCompare(b))) },
    },
    paths,
  };
}
