import { apiKeys } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { randomToken, sha256Hex } from './token-hash';

export const API_KEY_PREFIX = 'bk_live_';
// "bk_live_" plus four random characters: enough to tell keys apart in a list, useless to guess with.
const SHOWN_PREFIX_LENGTH = API_KEY_PREFIX.length + 4;

export type CreatedApiKey = { id: string; name: string; prefix: string; createdAt: Date; plaintext: string };

/** A new API key for the workspace. The plaintext is returned once; only its sha256 is stored. */
export async function createApiKey(t: Tenant, input: { name: string; createdBy: string | null }): Promise<CreatedApiKey> {
  const plaintext = `${API_KEY_PREFIX}${randomToken()}`;
  const [row] = await t.db
    .insert(apiKeys)
    .values({
      workspaceId: t.workspaceId,
      name: input.name.trim(),
      prefix: plaintext.slice(0, SHOWN_PREFIX_LENGTH),
      keyHash: sha256Hex(plaintext),
      createdBy: input.createdBy,
    })
    .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt });
  return { ...row!, plaintext };
}
