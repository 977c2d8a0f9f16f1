import { describe, expect, it } from 'vitest';
import { getDb } from './db';

describe('web database pool', () => {
  it('runs with statement_timeout 5 s and idle_in_transaction_session_timeout 10 s (security review #9)', async () => {
    const pool = (getDb() as unknown as { $client: { query: (q: string) => Promise<{ rows: Array<{ s: string; i: string }> }> } }).$client;
    const r = await pool.query(`select current_setting('statement_timeout') as s, current_setting('idle_in_transaction_session_timeout') as i`);
    expect(r.rows[0]).toEqual({ s: '5s', i: '10s' });
  });
});
