// The hot named statements run on generic plans inside the batch transactions
// (pipelinedTransaction: SET LOCAL plan_cache_mode), planned once per connection instead of on
// every call while the batch holds its locks; everything else keeps Postgres's own choice
// (a forced generic plan for a parameter-sensitive query is far worse: the simulation's loader).
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { batchPlanCacheModeFromEnv, createDatabase, planCacheModeFromEnv } from './client';
import { pipelinedTransaction } from './batching/pipelined-transaction';

const url = process.env.DATABASE_URL!;
const saved = {
  pool: process.env.BATON_PG_PLAN_CACHE_MODE,
  batch: process.env.BATON_PG_BATCH_PLAN_CACHE_MODE,
};

afterEach(() => {
  for (const [k, v] of [
    ['BATON_PG_PLAN_CACHE_MODE', saved.pool],
    ['BATON_PG_BATCH_PLAN_CACHE_MODE', saved.batch],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** One connection (so named statements and their plans are the same each call), default modes. */
function oneConnectionWithDefaultModes() {
  delete process.env.BATON_PG_PLAN_CACHE_MODE;
  delete process.env.BATON_PG_BATCH_PLAN_CACHE_MODE;
  return createDatabase(url, { max: 1 });
}

describe('plan cache mode', () => {
  it('pools keep auto and batches force generic plans, unless the environment says otherwise', () => {
    expect(planCacheModeFromEnv({})).toBe('auto');
    expect(planCacheModeFromEnv({ BATON_PG_PLAN_CACHE_MODE: 'force_generic_plan' })).toBe(
      'force_generic_plan',
    );
    expect(planCacheModeFromEnv({ BATON_PG_PLAN_CACHE_MODE: 'fastest' })).toBe('auto');
    expect(batchPlanCacheModeFromEnv({})).toBe('force_generic_plan');
    expect(batchPlanCacheModeFromEnv({ BATON_PG_BATCH_PLAN_CACHE_MODE: 'auto' })).toBe('auto');
    expect(batchPlanCacheModeFromEnv({ BATON_PG_BATCH_PLAN_CACHE_MODE: 'fastest' })).toBe(
      'force_generic_plan',
    );
  });

  it('a pipelined transaction runs with generic plans; outside it the connection is back to auto', async () => {
    const handle = oneConnectionWithDefaultModes();
    try {
      const inside = await pipelinedTransaction(
        handle.db,
        async (tx) =>
          (await tx.execute<{ plan_cache_mode: string }>(sql`show plan_cache_mode`)).rows[0]!
            .plan_cache_mode,
      );
      expect(inside).toBe('force_generic_plan');
      expect((await handle.pool.query('show plan_cache_mode')).rows[0].plan_cache_mode).toBe(
        'auto',
      );
      process.env.BATON_PG_BATCH_PLAN_CACHE_MODE = 'auto';
      const off = await pipelinedTransaction(
        handle.db,
        async (tx) =>
          (await tx.execute<{ plan_cache_mode: string }>(sql`show plan_cache_mode`)).rows[0]!
            .plan_cache_mode,
      );
      expect(off).toBe('auto');
    } finally {
      await handle.close();
    }
  });

  it('a named statement in batch transactions reuses one generic plan; outside them Postgres plans custom first', async () => {
    const handle = oneConnectionWithDefaultModes();
    const q = {
      name: 'plan_cache_probe',
      text: 'select count(*)::int as n from jsonb_to_recordset($1::jsonb) as v(a int) where v.a > $2',
    };
    const stats = async () =>
      (
        await handle.pool.query(
          "select generic_plans::int, custom_plans::int from pg_prepared_statements where name = 'plan_cache_probe'",
        )
      ).rows[0];
    try {
      for (let i = 0; i < 3; i++)
        await pipelinedTransaction(handle.db, async (tx) => {
          const client = (
            tx as unknown as { session: { client: { query: (c: unknown) => Promise<unknown> } } }
          ).session.client;
          await client.query({ ...q, values: [JSON.stringify([{ a: 1 }, { a: 2 }]), i] });
        });
      expect(await stats()).toEqual({ generic_plans: 3, custom_plans: 0 });
      await handle.pool.query({ ...q, values: [JSON.stringify([{ a: 1 }]), 0] });
      expect(await stats()).toEqual({ generic_plans: 3, custom_plans: 1 });
    } finally {
      await handle.close();
    }
  });

  it('a batch statement planned while its table was small still takes the index once the table has grown (seq scans priced out)', async () => {
    const handle = oneConnectionWithDefaultModes();
    const q = {
      name: 'seqscan_probe',
      text: `update plan_probe_steps p set finished_at = now()
               from (select * from jsonb_to_recordset($1::jsonb) as v(w int, r int) limit $2) v
              where p.w = v.w and p.r = v.r and p.finished_at is null`,
    };
    type Client = { query: (c: unknown) => Promise<{ rows: Record<string, string>[] }> };
    const clientOf = (tx: unknown) => (tx as { session: { client: Client } }).session.client;
    try {
      await handle.pool.query('drop table if exists plan_probe_steps');
      await handle.pool.query('create table plan_probe_steps (w int not null, r int not null, finished_at timestamptz, primary key (w, r))');
      // Planned (generic, kept by the connection) while the table is empty, as on a fresh install.
      await pipelinedTransaction(handle.db, async (tx) => {
        await clientOf(tx).query({ ...q, values: [JSON.stringify([{ w: 1, r: 1 }]), 1] });
        expect((await clientOf(tx).query('show enable_seqscan')).rows[0]!.enable_seqscan).toBe('off');
      });
      expect((await handle.pool.query('show enable_seqscan')).rows[0].enable_seqscan).toBe('on');
      await handle.pool.query('insert into plan_probe_steps select 1, g, null from generate_series(1, 20000) g');
      const plan = await pipelinedTransaction(handle.db, async (tx) =>
        (await clientOf(tx).query(`explain execute seqscan_probe('[{"w": 1, "r": 5}]', 1)`)).rows.map((r) => r['QUERY PLAN']).join('\n'),
      );
      expect(plan).toMatch(/Index Scan using plan_probe_steps_pkey/);
      expect(plan).not.toMatch(/Seq Scan on plan_probe_steps/);
    } finally {
      await handle.pool.query('drop table if exists plan_probe_steps').catch(() => {});
      await handle.close();
    }
  });
});
