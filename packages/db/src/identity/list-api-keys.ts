import { desc, eq } from 'drizzle-orm';
import { apiKeys, users } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { isApiKeyScope, type ApiKeyScope } from './api-key-scopes';

export type ApiKeySummary = {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdByName: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** The workspace's API keys (revoked ones included, for the audit trail), newest first. Never the hash. */
export async function listApiKeys(t: Tenant): Promise<ApiKeySummary[]> {
  const rows = await t.db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      createdByName: users.name,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.workspaceId, t.workspaceId))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map((r) => ({ ...r, scopes: r.scopes.filter(isApiKeyScope) }));
}
