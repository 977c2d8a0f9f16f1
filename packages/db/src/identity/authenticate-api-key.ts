import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { apiKeys } from '../schema';
import { toWorkspaceId, type WorkspaceId } from '../tenancy/workspace-id';
import { API_KEY_PREFIX } from './create-api-key';
import { sha256Hex } from './token-hash';
import { isApiKeyScope, type ApiKeyScope } from './api-key-scopes';

export type AuthenticatedApiKey = { workspaceId: WorkspaceId; apiKeyId: string; scopes: ReadonlySet<ApiKeyScope> };

/**
 * The workspace an API key belongs to (and what the key may do), or null when it is unknown or revoked. Looked up
 * by hash (the index makes it one probe; no plaintext comparison to time). last_used_at
 * is written at most once a minute so a busy integration does not write on every call.
 */
export async function authenticateApiKey(
  db: Executor,
  plaintext: string,
): Promise<AuthenticatedApiKey | null> {
  if (typeof plaintext !== 'string' || !plaintext.startsWith(API_KEY_PREFIX)) return null;
  const [key] = await db
    .select({
      id: apiKeys.id,
      workspaceId: apiKeys.workspaceId,
      scopes: apiKeys.scopes,
      stale: sql<boolean>`${apiKeys.lastUsedAt} is null or ${apiKeys.lastUsedAt} < now() - interval '1 minute'`,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, sha256Hex(plaintext)), isNull(apiKeys.revokedAt)));
  if (!key) return null;
  const auth = { workspaceId: toWorkspaceId(key.workspaceId), apiKeyId: key.id, scopes: new Set(key.scopes.filter(isApiKeyScope)) };
  // Every inbound message is authenticated: skip the write's round trip when it would match
  // nothing (bench: each Postgres round trip costs the web process ~0.2 ms of CPU here). The
  // update keeps its own guard, so two requests racing past the check write once.
  if (!key.stale) return auth;
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.id, key.id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`)),
      ),
    );
  return auth;
}
