import { and, eq, sql } from 'drizzle-orm';
import { apiKeys } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { requireUuid } from './require-uuid';

/** Revokes an API key of this workspace; from then on it authenticates nothing. Idempotent. */
export async function revokeApiKey(t: Tenant, apiKeyId: string): Promise<void> {
  requireUuid(apiKeyId, 'API key');
  const rows = await t.db
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
    .where(and(eq(apiKeys.workspaceId, t.workspaceId), eq(apiKeys.id, apiKeyId)))
    .returning({ id: apiKeys.id });
  if (rows.length === 0) throw new DomainError('not_found', 'API key not found');
}
