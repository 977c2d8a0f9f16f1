import type { ApiReply } from '../api-error-body';
import type { Endpoint } from './define-endpoint';
import { conformResponse } from './response-contract';
import { errorSchema } from '../schemas/error-schema';

/** An ApiReply with its body built from the schema declared for its status (errors: the Error schema). Framework-free: the ingestion fast path uses it too. */
export function conformReply(endpoint: Endpoint, reply: ApiReply): ApiReply {
  const schema = reply.status >= 400 ? errorSchema : endpoint.responses[reply.status as 200];
  if (!schema) throw new Error(`${endpoint.operationId} answered ${reply.status}, which it does not declare`);
  return { ...reply, body: conformResponse(schema, reply.body) };
}
