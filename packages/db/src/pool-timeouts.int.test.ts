// statement_timeout and idle_in_transaction_session_timeout on the pools of long-running
// processes (security review #9): a slow query is cancelled, an abandoned transaction ended.
import { describe, expect, it } from 'vitest';
import { createDatabase, poolTimeoutsFromEnv } from './client';

const url = process.env.DATABASE_URL!;

describe('pool timeouts', () => {
  it('environment overrides the caller’s defaults; 0 turns a timeout off', () => {
    const defaults = { statementTimeoutMs: 5000, idleInTransactionTimeoutMs: 10000 };
    expect(poolTimeoutsFromEnv(defaults, {})).toEqual(defaults);
    expect(poolTimeoutsFromEnv(defaults, { PG_STATEMENT_TIMEOUT_MS: '250', PG_IDLE_IN_TRANSACTION_TIMEOUT_MS: '0' })).toEqual({ statementTimeoutMs: 250, idleInTransactionTimeoutMs: 0 });
    expect(poolTimeoutsFromEnv(defaults, { PG_STATEMENT_TIMEOUT_MS: 'soon' })).toEqual(defaults);
  });

  it('a statement over the timeout is cancelled (57014); the pool keeps working', async () => {
    const handle = createDatabase(url, { max: 1, statementTimeoutMs: 200, idleInTransactionTimeoutMs: 300 });
    try {
      expect((await handle.pool.query('show statement_timeout')).rows[0].statement_timeout).toBe('200ms');
      const error = await handle.pool.query('select pg_sleep(2)').catch((e: { code?: string }) => e);
      expect((error as { code?: string }).code).toBe('57014');
      expect((await handle.pool.query('select 1 as one')).rows[0].one).toBe(1);
    } finally {
      await handle.close();
    }
  });

  it('a transaction left idle past the timeout is ended by the server', async () => {
    const handle = createDatabase(url, { max: 1, statementTimeoutMs: 5000, idleInTransactionTimeoutMs: 200 });
    const client = await handle.pool.connect();
    client.on('error', () => {});
    try {
      await client.query('begin');
      await new Promise((r) => setTimeout(r, 600));
      await expect(client.query('select 1')).rejects.toThrow();
    } finally {
      client.release(true);
      await handle.close();
    }
  });
});
