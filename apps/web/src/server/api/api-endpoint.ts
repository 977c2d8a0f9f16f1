import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { tenant, type Tenant } from '@baton/db';
import { getDb } from '@/server/db';
import { clientIp } from '@/server/rate-limit';
import { declaredTooLarge, maxBodyBytes, payloadTooLargeReply } from '@/server/body/body-limit';
import { readRequestText } from '@/server/body/read-request-body';
import { errorToReply, type ApiReply } from './api-error-body';
import { authenticateApiRequest } from './authenticate-api-request';
import type { Endpoint } from './contract/define-endpoint';
import { parseQuery } from './contract/api-query';
import { conformReply } from './contract/conform-reply';
import { pathId } from './path-id';
import { IDEMPOTENCY_HEADER, REPLAYED_HEADER, idempotent } from './idempotency';
import { parseJsonBody } from './read-json';

type BodyOf<E extends Endpoint> = E['body'] extends { schema: infer S extends z.ZodType } ? z.output<S> : undefined;
type QueryOf<E extends Endpoint> = E['query'] extends z.ZodObject ? z.output<E['query']> : Record<string, never>;

export type EndpointContext<E extends Endpoint> = {
  req: Request;
  tenant: Tenant;
  apiKeyId: string;
  /** The `{id}` path parameter, checked to be a UUID (anything else is a 404 like an id that is not ours). */
  id: string;
  query: QueryOf<E>;
  body: BodyOf<E>;
};

const STATUS = Symbol('status');
type WithStatus = { [STATUS]: number; body: unknown };

/** Answer with a status other than the endpoint's only declared one (e.g. 200 for a replayed inbound message). */
export function withStatus(status: number, body: unknown): WithStatus {
  return { [STATUS]: status, body };
}

function conformed(endpoint: Endpoint, reply: ApiReply): ApiReply {
  try {
    return conformReply(endpoint, reply);
  } catch (error) {
    return errorToReply(error);
  }
}

/** Replies built inside run() are already conformed; conforming again is cheap and covers the rest. */
function send(endpoint: Endpoint, reply: ApiReply): Response {
  const out = reply.headers?.[REPLAYED_HEADER] ? reply : conformed(endpoint, reply);
  return NextResponse.json(out.body, { status: out.status, headers: out.headers });
}

/**
 * A public API route built from its endpoint declaration: authenticates the workspace API key
 * on every call (not in proxy), scopes all data access to that workspace, parses the path id,
 * query and body with the declared schemas, and builds the answer from the declared response
 * schema (strictly in tests: an undeclared field fails the call). A declared body over the
 * limit is refused before anything else; the key is checked before the body is read.
 */
export function apiEndpoint<E extends Endpoint>(endpoint: E, handler: (ctx: EndpointContext<E>) => Promise<unknown>) {
  const statuses = Object.keys(endpoint.responses).map(Number);
  return async (req: Request, ctx: { params: Promise<Record<string, string>> }): Promise<Response> => {
    try {
      const limit = maxBodyBytes();
      if (declaredTooLarge(req.headers.get('content-length'), limit)) return send(endpoint, payloadTooLargeReply(limit));
      const authenticated = await authenticateApiRequest(req.headers.get('authorization'), () => clientIp(req), endpoint.scope);
      if ('reply' in authenticated) return send(endpoint, authenticated.reply);
      const { apiKeyId, workspaceId } = authenticated.caller;
      const scoped = tenant(getDb(), workspaceId);
      const params = ctx?.params ? await ctx.params : {};
      const id = endpoint.pathId ? pathId(params.id, endpoint.pathId) : '';
      const url = new URL(req.url);
      const query = parseQuery(endpoint.query, url.searchParams) as QueryOf<E>;
      const text = endpoint.body || endpoint.method === 'post' ? await readRequestText(req) : '';
      const run = async (): Promise<ApiReply> => {
        try {
          const body = (endpoint.body ? endpoint.body.schema.parse(parseJsonBody(text)) : undefined) as BodyOf<E>;
          const result = await handler({ req, tenant: scoped, apiKeyId, id, query, body });
          const reply: ApiReply =
            result && typeof result === 'object' && STATUS in result
              ? { status: (result as WithStatus)[STATUS], body: (result as WithStatus).body }
              : { status: statuses.length === 1 ? statuses[0]! : 200, body: result };
          return conformReply(endpoint, reply);
        } catch (error) {
          return conformed(endpoint, errorToReply(error));
        }
      };
      const key = req.headers.get(IDEMPOTENCY_HEADER);
      if (endpoint.method === 'post' && key !== null) {
        return send(endpoint, await idempotent({ tenant: scoped, apiKeyId, key, method: req.method, path: url.pathname + url.search, body: text }, run));
      }
      return send(endpoint, await run());
    } catch (error) {
      return send(endpoint, errorToReply(error));
    }
  };
}
