import type { z } from 'zod';
import type { ApiKeyScope } from '@baton/db';

export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

/** Error statuses an endpoint can answer with; each is documented with the Error schema. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429;

/**
 * One public endpoint, declared once: the route handler parses its query and body with these
 * schemas and builds its answer with the response schema of the status it returns, and the
 * OpenAPI document is generated from the same object (openapi.ts).
 */
export type Endpoint = {
  method: HttpMethod;
  /** OpenAPI path under /api/v1, e.g. `/conversations/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /**
   * The API key scope the endpoint needs. Required, so no endpoint can be added without one:
   * a key without it gets 403 `insufficient_scope` before the body is read.
   */
  scope: ApiKeyScope;
  /** Name of the `{id}` path parameter's object, for its description (`Conversation id`). */
  pathId?: string;
  query?: z.ZodObject;
  body?: { schema: z.ZodType; name: string; required?: boolean };
  /** Success statuses → response schema (registered in the components with an id). */
  responses: Partial<Record<200 | 201 | 202, z.ZodType>>;
  /** Extra documented errors beyond the ones every endpoint has (400, 401, 403, 413, 429). */
  errors?: ErrorStatus[];
  /** Signed requests (HMAC) accepted besides the API key. */
  signed?: boolean;
};

export function defineEndpoint<const E extends Endpoint>(endpoint: E): E {
  return endpoint;
}
