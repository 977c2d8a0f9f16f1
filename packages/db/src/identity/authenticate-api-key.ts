import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { apiKeys } from '../schema';
import { toWorkspaceId, type WorkspaceId } from '../tenancy/workspace-id';
import { API_KEY_PREFIX } from './create-api-key';
import { sha256Hex } from './token-hash';

/**
 * The workspace an API key belongs to, or null when it is unknown or revoked. Looked up
 * by hash (the index makes it one probe; no plaintext comparison to time). last_used_at
 * is written at most once a minute so a busy integration does not write on every call.
 */
export async function authenticateApiKey(
  db: Executor,
  plaintext: string,
): Promise<{ workspaceId: WorkspaceId; apiKeyId: string } | null> {
  if (typeof plaintext !== 'string' || !plaintext.startsWith(API_KEY_PREFIX)) return null;
  const [key] = await db
    .select({
      id: apiKeys.id,
      workspaceId: apiKeys.workspaceId,
      stale: sql<boolean>`${apiKeys.lastUsedAt} is null or ${apiKeys.lastUsedAt} < now() - interval '1 minute'`,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, sha256Hex(plaintext)), isNull(apiKeys.revokedAt)));
  if (!key) return null;
  // Every inbound message is authenticated: skip the write's round trip when it would match
  // nothing (bench: each Postgres round trip costs the web process ~0.2 ms of CPU here). The
  // update keeps its own guard, so two requests racing past the check write once.
  if (!key.stale) return { workspaceId: toWorkspaceId(key.workspaceId), apiKeyId: key.id };
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.id, key.id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`)),
      ),
    );
  return { workspaceId: toWorkspaceId(key.workspaceId), apiKeyId: key.id };
}
