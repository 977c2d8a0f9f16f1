import 'server-only';
import { createHash } from 'node:crypto';
import { authenticateApiKey, type Executor } from '@baton/db';

type Auth = NonNullable<Awaited<ReturnType<typeof authenticateApiKey>>>;

/**
 * Every inbound message authenticates its API key; at hundreds of messages a second the
 * lookup was one Postgres round trip per request. A key that authenticated is trusted for
 * TTL_MS in this process. Revoking forgets it here at once; another web process may accept
 * a just-revoked key for at most TTL_MS.
 * A key that is unknown is remembered as such for MISS_TTL_MS, so a client hammering one
 * wrong key costs no queries; keys are 256-bit random, so a new key is never a cached miss.
 */
export const API_KEY_CACHE_TTL_MS = 5_000;
export const API_KEY_MISS_TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;
const MAX_MISSES = 10_000;
// On globalThis: the Next bundle and the ingestion fast path (server.ts) each load this
// module, and revoking in one must forget the key for both.
const globalForKeys = globalThis as unknown as {
  batonApiKeyCache?: Map<string, { auth: Auth; until: number }>;
  batonApiKeyMisses?: Map<string, number>;
};
const cache = (globalForKeys.batonApiKeyCache ??= new Map());
// Insertion-ordered Map as an LRU: a hit is re-inserted at the end, the oldest is evicted.
const misses = (globalForKeys.batonApiKeyMisses ??= new Map());

export const hashApiKey = (plaintext: string) => createHash('sha256').update(plaintext).digest('base64');

/** A valid key from the cache, `'miss'` for a key recently found unknown, else undefined (ask Postgres). */
export function cachedApiKey(id: string, now = Date.now()): Auth | 'miss' | undefined {
  const hit = cache.get(id);
  if (hit && hit.until > now) return hit.auth;
  const missUntil = misses.get(id);
  if (missUntil !== undefined) {
    misses.delete(id);
    if (missUntil > now) {
      misses.set(id, missUntil);
      return 'miss';
    }
  }
  return undefined;
}

export async function lookupApiKey(db: Executor, plaintext: string, id = hashApiKey(plaintext), now = Date.now()): Promise<Auth | null> {
  const auth = await authenticateApiKey(db, plaintext);
  if (!auth) {
    cache.delete(id);
    if (misses.size >= MAX_MISSES) misses.delete(misses.keys().next().value!);
    misses.set(id, now + API_KEY_MISS_TTL_MS);
    return null;
  }
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(id, { auth, until: now + API_KEY_CACHE_TTL_MS });
  return auth;
}

export async function authenticateApiKeyCached(db: Executor, plaintext: string, now = Date.now()): Promise<Auth | null> {
  // Keyed by a hash: no plaintext key kept in memory.
  const id = hashApiKey(plaintext);
  const cached = cachedApiKey(id, now);
  if (cached === 'miss') return null;
  if (cached) return cached;
  return lookupApiKey(db, plaintext, id, now);
}

export function forgetApiKey(apiKeyId: string): void {
  for (const [k, v] of cache) if (v.auth.apiKeyId === apiKeyId) cache.delete(k);
}
