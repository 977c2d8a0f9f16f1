import 'server-only';
import { createHash } from 'node:crypto';
import { authenticateApiKey, type Executor } from '@baton/db';

type Auth = NonNullable<Awaited<ReturnType<typeof authenticateApiKey>>>;

/**
 * Every inbound message authenticates its API key; at hundreds of messages a second the
 * lookup was one Postgres round trip per request. A key that authenticated is trusted for
 * TTL_MS in this process. Revoking forgets it here at once; another web process may accept
 * a just-revoked key for at most TTL_MS. Unknown keys are never cached, so a new key works
 * immediately and a wrong one is always checked.
 */
export const API_KEY_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;
// On globalThis: the Next bundle and the ingestion fast path (server.ts) each load this
// module, and revoking in one must forget the key for both.
const globalForKeys = globalThis as unknown as { batonApiKeyCache?: Map<string, { auth: Auth; until: number }> };
const cache = (globalForKeys.batonApiKeyCache ??= new Map());

export async function authenticateApiKeyCached(db: Executor, plaintext: string, now = Date.now()): Promise<Auth | null> {
  // Keyed by a hash: no plaintext key kept in memory.
  const id = createHash('sha256').update(plaintext).digest('base64');
  const hit = cache.get(id);
  if (hit && hit.until > now) return hit.auth;
  const auth = await authenticateApiKey(db, plaintext);
  if (!auth) {
    cache.delete(id);
    return null;
  }
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(id, { auth, until: now + API_KEY_CACHE_TTL_MS });
  return auth;
}

export function forgetApiKey(apiKeyId: string): void {
  for (const [k, v] of cache) if (v.auth.apiKeyId === apiKeyId) cache.delete(k);
}
