import { NextResponse } from 'next/server';
import { tenant, type Tenant } from '@baton/db';
import { getDb } from '@/server/db';
import { errorResponse, replyResponse } from './api-error';
import { authenticateApiRequest } from './authenticate-api-request';
import { clientIp } from '@/server/rate-limit';
import { declaredTooLarge, maxBodyBytes, payloadTooLargeReply } from '@/server/body/body-limit';

export type ApiContext<P> = { req: Request; tenant: Tenant; apiKeyId: string; params: P };

type Handler<P> = (ctx: ApiContext<P>) => Promise<Response | object>;

/**
 * A public API route: authenticates the workspace API key on every call (not in proxy),
 * scopes all data access to that workspace, and turns every error into JSON. A declared body
 * over the limit is refused before anything else; the key is checked before the handler
 * reads the body (readJson, itself bounded while streaming).
 */
export function apiRoute<P extends Record<string, string> = Record<string, never>>(handler: Handler<P>) {
  return async (req: Request, ctx: { params: Promise<P> }) => {
    try {
      const limit = maxBodyBytes();
      if (declaredTooLarge(req.headers.get('content-length'), limit)) return replyResponse(payloadTooLargeReply(limit));
      const authenticated = await authenticateApiRequest(req.headers.get('authorization'), () => clientIp(req));
      if ('reply' in authenticated) return replyResponse(authenticated.reply);
      const result = await handler({
        req,
        tenant: tenant(getDb(), authenticated.caller.workspaceId),
        apiKeyId: authenticated.caller.apiKeyId,
        params: ctx?.params ? await ctx.params : ({} as P),
      });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function created(body: object) {
  return NextResponse.json(body, { status: 201 });
}
