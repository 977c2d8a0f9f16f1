// Expired idempotency keys (older than 24 h) are deleted by the worker's periodic sweep, in
// bounded batches, for every workspace; keys still inside their 24 hours stay and replay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimIdempotencyKey, createApiKey, tenant } from '@baton/db';
import { createTestWorkspace, testDatabase } from '@baton/db/testing';
import { sweepIdempotencyKeys } from './idempotency-key-sweep';
import { startTestWorker, waitFor } from './test-harness';

const handle = testDatabase();
afterAll(() => handle.close());

async function workspaceWithKeys(fresh: number, expired: number) {
  const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Owner', role: 'owner' }] });
  const t = tenant(handle.db, ws.workspaceId);
  const apiKey = await createApiKey(t, { name: 'sweep', createdBy: null });
  for (let i = 0; i < fresh + expired; i++) {
    expect(await claimIdempotencyKey(t, { apiKeyId: apiKey.id, key: `k-${i}`, requestHash: 'h' })).toEqual({ state: 'claimed' });
  }
  // The first `expired` keys were made 25 hours ago (and one minute more per key, oldest first).
  await handle.pool.query(
    `update idempotency_keys set created_at = now() - interval '25 hours' - (split_part(key, '-', 2)::int * interval '1 minute')
      where workspace_id = $1 and split_part(key, '-', 2)::int < $2`,
    [ws.workspaceId, expired],
  );
  return { workspaceId: ws.workspaceId, keys: async () => (await handle.pool.query<{ key: string }>('select key from idempotency_keys where workspace_id = $1 order by key', [ws.workspaceId])).rows.map((r) => r.key) };
}

const freshKeys = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `k-${from + i}`).sort();

describe('idempotency key sweep', () => {
  it('deletes only expired keys, every workspace, at most batchSize × maxBatches per sweep', async () => {
    const a = await workspaceWithKeys(3, 7);
    const b = await workspaceWithKeys(2, 4);
    // Workers of other test files sweep the same table at the same time, so the count of one
    // sweep is only bounded (11 of ours are expired: without the bound it would take them all).
    const first = await sweepIdempotencyKeys(handle.db, { batchSize: 2, maxBatches: 2 });
    expect(first).toBeLessThanOrEqual(4);
    let rounds = 0;
    while ((await sweepIdempotencyKeys(handle.db, { batchSize: 2, maxBatches: 2 })) > 0) if (++rounds > 100) throw new Error('sweep never finished');
    expect(await a.keys()).toEqual(freshKeys(7, 10));
    expect(await b.keys()).toEqual(freshKeys(4, 6));
  });

});

describe('the worker', () => {
  let harness: Awaited<ReturnType<typeof startTestWorker>>;
  beforeAll(async () => {
    harness = await startTestWorker();
  });
  afterAll(() => harness.stop());

  it('the running worker sweeps them on its own', async () => {
    const c = await workspaceWithKeys(1, 5);
    await waitFor(async () => (await c.keys()).length === 1, 20_000);
    expect(await c.keys()).toEqual(['k-5']);
  });
});
