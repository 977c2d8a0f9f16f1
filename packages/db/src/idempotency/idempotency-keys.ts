import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { idempotencyKeys } from '../schema';
import type { Tenant } from '../tenancy/tenant';

/** How long a key's answer is replayed. */
export const IDEMPOTENCY_TTL_HOURS = 24;
/** A claim still without an answer after this long was abandoned (the process died): the next retry takes it over. */
export const IDEMPOTENCY_ABANDONED_SECONDS = 60;

export type IdempotencyRef = { apiKeyId: string; key: string };
export type IdempotencyClaim =
  | { state: 'claimed' }
  | { state: 'replay'; status: number; body: unknown }
  | { state: 'mismatch' }
  | { state: 'in_progress' };

/**
 * Claims a key for one request, atomically: of concurrent requests with the same key exactly
 * one gets `claimed` (the primary key decides); the others see the stored answer, a request
 * still in progress, or a different request under the same key. An expired or abandoned row
 * is taken over in the same statement.
 */
export async function claimIdempotencyKey(t: Tenant, ref: IdempotencyRef & { requestHash: string }): Promise<IdempotencyClaim> {
  const k = idempotencyKeys;
  const claimed = await t.db
    .insert(k)
    .values({ workspaceId: t.workspaceId, apiKeyId: ref.apiKeyId, key: ref.key, requestHash: ref.requestHash })
    .onConflictDoUpdate({
      target: [k.apiKeyId, k.key],
      set: { requestHash: ref.requestHash, responseStatus: null, responseBody: null, createdAt: sql`now()`, completedAt: null },
      setWhere: sql`${k.workspaceId} = ${t.workspaceId} and (${k.createdAt} < now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})
        or (${k.completedAt} is null and ${k.createdAt} < now() - make_interval(secs => ${IDEMPOTENCY_ABANDONED_SECONDS})))`,
    })
    .returning({ key: k.key });
  if (claimed.length) {
    // Now and then, drop this workspace's expired keys (the table stays ~one day of POSTs).
    if (Math.random() < 0.01) await deleteExpiredIdempotencyKeys(t);
    return { state: 'claimed' };
  }
  const [row] = await t.db
    .select({ requestHash: k.requestHash, status: k.responseStatus, body: k.responseBody })
    .from(k)
    .where(and(eq(k.workspaceId, t.workspaceId), eq(k.apiKeyId, ref.apiKeyId), eq(k.key, ref.key)));
  // Gone between the two statements (released after a failure): the caller may simply retry.
  if (!row) return { state: 'in_progress' };
  if (row.requestHash !== ref.requestHash) return { state: 'mismatch' };
  if (row.status === null) return { state: 'in_progress' };
  return { state: 'replay', status: row.status, body: row.body };
}

/** Stores the answer of a claimed key; later requests with the key get it replayed. */
export async function completeIdempotencyKey(t: Tenant, ref: IdempotencyRef & { status: number; body: unknown }) {
  const k = idempotencyKeys;
  await t.db
    .update(k)
    .set({ responseStatus: ref.status, responseBody: ref.body ?? null, completedAt: sql`now()` })
    .where(and(eq(k.workspaceId, t.workspaceId), eq(k.apiKeyId, ref.apiKeyId), eq(k.key, ref.key)));
}

/** Gives a claimed key back without an answer (the request failed on our side): a retry runs again. */
export async function releaseIdempotencyKey(t: Tenant, ref: IdempotencyRef) {
  const k = idempotencyKeys;
  await t.db.delete(k).where(and(eq(k.workspaceId, t.workspaceId), eq(k.apiKeyId, ref.apiKeyId), eq(k.key, ref.key), isNull(k.completedAt)));
}

export async function deleteExpiredIdempotencyKeys(t: Tenant) {
  const k = idempotencyKeys;
  await t.db.delete(k).where(and(eq(k.workspaceId, t.workspaceId), lt(k.createdAt, sql`now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`)));
}
