import { getDb } from '@/server/db';
import { rateLimit, tooManyRequestsReply } from '@/server/rate-limit';
import { errorReply, type ApiReply } from './api-error-body';
import { authenticateApiKeyCached } from './api-key-cache';

export type ApiCaller = { workspaceId: string; apiKeyId: string };

function bearer(authorization: string | null | undefined): string | null {
  const match = /^Bearer\s+(.+)$/i.exec((authorization ?? '').trim());
  return match?.[1]?.trim() ?? null;
}

/**
 * The workspace behind an `Authorization: Bearer <key>` header, with one request spent from
 * that key's rate limit — or the 401/429 to answer instead. Framework-free: the Next routes
 * and the ingestion fast path (server.ts) both authenticate through it.
 */
export async function authenticateApiRequest(authorization: string | null | undefined): Promise<{ caller: ApiCaller } | { reply: ApiReply }> {
  const key = bearer(authorization);
  if (!key) return { reply: errorReply(401, 'unauthorized', 'Send your workspace API key as "Authorization: Bearer <key>"') };
  const auth = await authenticateApiKeyCached(getDb(), key);
  if (!auth) return { reply: errorReply(401, 'unauthorized', 'The API key is unknown or has been revoked') };
  const decision = await rateLimit('api', auth.apiKeyId);
  if (decision && !decision.allowed) return { reply: tooManyRequestsReply(decision) };
  return { caller: { workspaceId: auth.workspaceId, apiKeyId: auth.apiKeyId } };
}
