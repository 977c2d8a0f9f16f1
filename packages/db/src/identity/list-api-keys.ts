import { desc, eq } from 'drizzle-orm';
import { apiKeys, users } from '../schema';
import type { Tenant } from '../tenancy/tenant';

export type ApiKeySummary = {
  id: string;
  name: string;
  prefix: string;
  createdByName: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** The workspace's API keys (revoked ones included, for the audit trail), newest first. Never the hash. */
export async function listApiKeys(t: Tenant): Promise<ApiKeySummary[]> {
  return t.db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      createdByName: users.name,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.workspaceId, t.workspaceId))
    .orderBy(desc(apiKeys.createdAt));
}
