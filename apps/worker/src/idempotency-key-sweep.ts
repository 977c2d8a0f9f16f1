import { sweepExpiredIdempotencyKeys, type Database } from '@baton/db';

/**
 * Idempotency keys are replayed for 24 hours (issue #22); afterwards they are only dead rows.
 * The web deletes a workspace's expired keys now and then when it claims one, so a workspace
 * that stops posting would keep its keys for ever: the worker's sweep deletes them for every
 * workspace, in batches of `batchSize` (short transactions, short row locks) and at most
 * `maxBatches` per sweep, so a backlog (the first sweep after an upgrade) drains over a few
 * sweeps instead of holding one long statement.
 */
export async function sweepIdempotencyKeys(db: Database, opts: { batchSize?: number; maxBatches?: number } = {}): Promise<number> {
  const batchSize = opts.batchSize ?? 1000;
  const maxBatches = opts.maxBatches ?? 10;
  let deleted = 0;
  for (let i = 0; i < maxBatches; i++) {
    const n = await sweepExpiredIdempotencyKeys(db, batchSize);
    deleted += n;
    if (n < batchSize) break;
  }
  return deleted;
}
