import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { apiKeys } from '../schema';
import { DomainError } from '../tenancy/errors';
import { inTransaction, type Tenant } from '../tenancy/tenant';
import { randomToken, sha256Hex } from './token-hash';
import { API_KEY_SCOPES, apiKeyScopesSchema, type ApiKeyScope } from './api-key-scopes';

export const API_KEY_PREFIX = 'bk_live_';
// "bk_live_" plus four random characters: enough to tell keys apart in a list, useless to guess with.
const SHOWN_PREFIX_LENGTH = API_KEY_PREFIX.length + 4;

/**
 * Rate limits are per key, so an unbounded number of keys would multiply them; no real
 * integration set-up needs more than a couple of dozen live keys.
 */
export const MAX_API_KEYS_PER_WORKSPACE = 25;

export type CreatedApiKey = { id: string; name: string; prefix: string; scopes: ApiKeyScope[]; createdAt: Date; plaintext: string };
type NewApiKey = { name: string; createdBy: string | null; scopes: ApiKeyScope[] };

/**
 * A new API key for the workspace. The plaintext is returned once; only its sha256 is stored.
 * At most MAX_API_KEYS_PER_WORKSPACE unrevoked keys: counted under a per-workspace advisory
 * lock, so two concurrent creations cannot both take the last slot.
 * Scopes default to all of them (the seed, tests); Settings always sends the ones chosen.
 */
export async function createApiKey(t: Tenant, input: { name: string; createdBy: string | null; scopes?: readonly string[] }): Promise<CreatedApiKey> {
  const parsed = apiKeyScopesSchema.safeParse(input.scopes ?? [...API_KEY_SCOPES]);
  if (!parsed.success) throw new DomainError('invalid', parsed.error.issues[0]!.message, { field: 'scopes' });
  const key: NewApiKey = { name: input.name, createdBy: input.createdBy, scopes: parsed.data };
  const plaintext = `${API_KEY_PREFIX}${randomToken()}`;
  return inTransaction(t, async (tx) => {
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`api_keys:${t.workspaceId}`}, 0))`);
    const [live] = await tx.db
      .select({ n: count() })
      .from(apiKeys)
      .where(and(eq(apiKeys.workspaceId, t.workspaceId), isNull(apiKeys.revokedAt)));
    if ((live?.n ?? 0) >= MAX_API_KEYS_PER_WORKSPACE) {
      throw new DomainError('conflict', `This workspace already has ${MAX_API_KEYS_PER_WORKSPACE} API keys; revoke one you no longer use before creating another`, { field: 'name' });
    }
    return insertKey(tx, key, plaintext);
  });
}

async function insertKey(t: Tenant, input: NewApiKey, plaintext: string): Promise<CreatedApiKey> {
  const [row] = await t.db
    .insert(apiKeys)
    .values({
      workspaceId: t.workspaceId,
      name: input.name.trim(),
      prefix: plaintext.slice(0, SHOWN_PREFIX_LENGTH),
      keyHash: sha256Hex(plaintext),
      scopes: input.scopes,
      createdBy: input.createdBy,
    })
    .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt });
  return { ...row!, scopes: input.scopes, plaintext };
}
