// The hot named statements run on generic plans (client.ts, planCacheModeFromEnv): planned
// once per connection instead of on every call while the batch holds its locks.
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase, planCacheModeFromEnv } from './client';

const url = process.env.DATABASE_URL!;
const saved = process.env.BATON_PG_PLAN_CACHE_MODE;

afterEach(() => {
  if (saved === undefined) delete process.env.BATON_PG_PLAN_CACHE_MODE;
  else process.env.BATON_PG_PLAN_CACHE_MODE = saved;
});

async function modeOfNewPool(): Promise<string> {
  const handle = createDatabase(url, { max: 1 });
  try {
    return (await handle.pool.query('show plan_cache_mode')).rows[0].plan_cache_mode;
  } finally {
    await handle.close();
  }
}

describe('plan cache mode', () => {
  it('is force_generic_plan unless the environment says auto or force_custom_plan', () => {
    expect(planCacheModeFromEnv({})).toBe('force_generic_plan');
    expect(planCacheModeFromEnv({ BATON_PG_PLAN_CACHE_MODE: 'auto' })).toBe('auto');
    expect(planCacheModeFromEnv({ BATON_PG_PLAN_CACHE_MODE: 'force_custom_plan' })).toBe(
      'force_custom_plan',
    );
    expect(planCacheModeFromEnv({ BATON_PG_PLAN_CACHE_MODE: 'fastest' })).toBe(
      'force_generic_plan',
    );
  });

  it("a pool's connections start with it (startup packet), and auto leaves the server's default", async () => {
    delete process.env.BATON_PG_PLAN_CACHE_MODE;
    expect(await modeOfNewPool()).toBe('force_generic_plan');
    process.env.BATON_PG_PLAN_CACHE_MODE = 'auto';
    expect(await modeOfNewPool()).toBe('auto');
  });

  it('a named statement is then planned once: later executions reuse the generic plan', async () => {
    delete process.env.BATON_PG_PLAN_CACHE_MODE;
    const handle = createDatabase(url, { max: 1 });
    try {
      const client = await handle.pool.connect();
      try {
        const q = {
          name: 'plan_cache_probe',
          text: 'select count(*)::int as n from jsonb_to_recordset($1::jsonb) as v(a int) where v.a > $2',
        };
        for (let i = 0; i < 3; i++)
          await client.query({ ...q, values: [JSON.stringify([{ a: 1 }, { a: 2 }]), i] });
        const stats = await client.query(
          "select generic_plans::int, custom_plans::int from pg_prepared_statements where name = 'plan_cache_probe'",
        );
        expect(stats.rows[0]).toEqual({ generic_plans: 3, custom_plans: 0 });
      } finally {
        client.release();
      }
    } finally {
      await handle.close();
    }
  });
});
