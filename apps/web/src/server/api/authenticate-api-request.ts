import type { ApiKeyScope } from '@baton/db';
import { getDb } from '@/server/db';
import { rateLimit, tooManyRequestsReply } from '@/server/rate-limit';
import { errorReply, type ApiReply } from './api-error-body';
import { cachedApiKey, hashApiKey, lookupApiKey } from './api-key-cache';

export type ApiCaller = { workspaceId: string; apiKeyId: string };

function bearer(authorization: string | null | undefined): string | null {
  const match = /^Bearer\s+(.+)$/i.exec((authorization ?? '').trim());
  return match?.[1]?.trim() ?? null;
}

/** GitHub and Slack answer a token without the scope with 403 and the scope it needed; so do we. */
export function insufficientScopeReply(scope: ApiKeyScope): ApiReply {
  return errorReply(403, 'insufficient_scope', `This API key does not have the scope ${scope}; create a key with it in Settings → API keys`, [
    { field: 'scope', message: `requires ${scope}` },
  ]);
}

const UNKNOWN_KEY = 'The API key is unknown or has been revoked';
const TOO_MANY_MISSES = 'Too many requests with an unknown API key from your address; check the key, then retry after the time in Retry-After';

/**
 * The workspace behind an `Authorization: Bearer <key>` header, with one request spent from
 * that key's rate limit — or the 401/429 to answer instead. Framework-free: the Next routes
 * and the ingestion fast path (server.ts) both authenticate through it, before reading the body.
 * Unknown keys are limited per client IP (`apiKeyMiss`): a caller whose address has used up
 * its misses gets 429 before any Postgres lookup, so random keys cannot turn into queries.
 * `clientIp` is a function: it is only worked out when a key is not in the cache.
 * A known key without the endpoint's `scope` is a 403 naming the scope, after the request is
 * counted (a key probing what it may do still spends its budget) and before any body is read.
 */
export async function authenticateApiRequest(
  authorization: string | null | undefined,
  clientIp: () => string,
  scope: ApiKeyScope,
): Promise<{ caller: ApiCaller } | { reply: ApiReply }> {
  const key = bearer(authorization);
  if (!key) return { reply: errorReply(401, 'unauthorized', 'Send your workspace API key as "Authorization: Bearer <key>"') };
  const id = hashApiKey(key);
  let auth = cachedApiKey(id);
  if (auth === undefined) {
    const budget = await rateLimit('apiKeyMiss', clientIp(), { consume: false });
    if (budget && !budget.allowed) return { reply: tooManyRequestsReply(budget, TOO_MANY_MISSES) };
    auth = (await lookupApiKey(getDb(), key, id)) ?? 'miss';
  }
  if (auth === 'miss') {
    const miss = await rateLimit('apiKeyMiss', clientIp());
    if (miss && !miss.allowed) return { reply: tooManyRequestsReply(miss, TOO_MANY_MISSES) };
    return { reply: errorReply(401, 'unauthorized', UNKNOWN_KEY) };
  }
  const decision = await rateLimit('api', auth.apiKeyId);
  if (decision && !decision.allowed) return { reply: tooManyRequestsReply(decision) };
  if (!auth.scopes.has(scope)) return { reply: insufficientScopeReply(scope) };
  return { caller: { workspaceId: auth.workspaceId, apiKeyId: auth.apiKeyId } };
}
