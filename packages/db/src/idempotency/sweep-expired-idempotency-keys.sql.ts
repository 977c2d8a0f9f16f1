import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { IDEMPOTENCY_TTL_HOURS } from './idempotency-keys';

/**
 * Deletes up to `limit` expired idempotency keys of every workspace, oldest first, and says
 * how many went. Row locks only (`for update skip locked`): a key a request is taking over at
 * this moment (claimIdempotencyKey's upsert) is skipped, and the outer `created_at` check
 * leaves alone a row taken over between the pick and the delete. Walks
 * idempotency_keys_created_idx, so a sweep with nothing to do is one index probe.
 * System-wide on purpose (like marking idle members away): the worker runs it, no tenant asks.
 */
export async function sweepExpiredIdempotencyKeys(db: Executor, limit: number): Promise<number> {
  const cutoff = sql`now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`;
  const result = await db.execute(sql`
    delete from idempotency_keys k
     using (select api_key_id, key from idempotency_keys
             where created_at < ${cutoff}
             order by created_at
             limit ${limit}
             for update skip locked) expired
     where k.api_key_id = expired.api_key_id and k.key = expired.key and k.created_at < ${cutoff}`);
  return result.rowCount ?? 0;
}
