import { NextResponse } from 'next/server';
import { tenant, type Tenant } from '@baton/db';
import { getDb } from '@/server/db';
import { limitOrNull } from '@/server/rate-limit';
import { apiError, errorResponse } from './api-error';
import { authenticateApiKeyCached } from './api-key-cache';

export type ApiContext<P> = { req: Request; tenant: Tenant; apiKeyId: string; params: P };

type Handler<P> = (ctx: ApiContext<P>) => Promise<Response | object>;

function bearer(req: Request): string | null {
  const header = req.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1]?.trim() ?? null;
}

/**
 * A public API route: authenticates the workspace API key on every call (not in proxy),
 * scopes all data access to that workspace, and turns every error into JSON.
 */
export function apiRoute<P extends Record<string, string> = Record<string, never>>(handler: Handler<P>) {
  return async (req: Request, ctx: { params: Promise<P> }) => {
    try {
      const key = bearer(req);
      if (!key) return apiError(401, 'unauthorized', 'Send your workspace API key as "Authorization: Bearer <key>"');
      const auth = await authenticateApiKeyCached(getDb(), key);
      if (!auth) return apiError(401, 'unauthorized', 'The API key is unknown or has been revoked');
      const limited = await limitOrNull('api', auth.apiKeyId);
      if (limited) return limited;
      const result = await handler({
        req,
        tenant: tenant(getDb(), auth.workspaceId),
        apiKeyId: auth.apiKeyId,
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
