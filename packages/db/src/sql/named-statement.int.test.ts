import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabase, createTestWorkspace } from '../testing';
import { receiveInboundMessages } from '../conversations/inbound/receive-inbound-messages';
import { pipelinedTransaction } from '../batching/pipelined-transaction';
import { executeNamed } from './named-statement';
import { statementTemplate } from './statement-template';

// One connection, so every call below runs on the connection whose prepared statements we read.
const handle = testDatabase(1);
afterAll(() => handle.close());

type Prepared = { name: string; statement: string; generic_plans: number; custom_plans: number };
const prepared = async () =>
  (
    await handle.pool.query<Prepared>(
      `select name, statement, generic_plans::int, custom_plans::int from pg_prepared_statements where name like 'baton\\_%'`,
    )
  ).rows;

describe('executeNamed', () => {
  it('prepares a hot statement once per connection and reuses it; the rows are what an unnamed statement returns', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'A1' }], teams: {} });
    for (let i = 0; i < 8; i++) {
      const out = await receiveInboundMessages(handle.db, [
        { workspaceId: ws.workspaceId, channelId: ws.channelId, input: { contact: { externalId: `named-${i}` }, text: `hello ${i}` } },
      ]);
      expect(out[0]!.ok).toBe(true);
    }
    const inbound = (await prepared()).filter((p) => p.statement.includes('insert into "messages"'));
    // The inbound round statement: one entry, however many calls; planned generically once
    // Postgres's plan cache saw that its custom plans were no cheaper (after five).
    expect(inbound).toHaveLength(1);
    expect(inbound[0]!.custom_plans + inbound[0]!.generic_plans).toBeGreaterThanOrEqual(8);

    const query = sql`select ${'x'}::text as a, ${2}::int as b`;
    const named = await pipelinedTransaction(handle.db, (tx) => executeNamed<{ a: string; b: number }>(tx, query));
    const unnamed = await handle.db.execute<{ a: string; b: number }>(query);
    expect(named.rows).toEqual(unnamed.rows);
    expect(named.rows).toEqual([{ a: 'x', b: 2 }]);
  });

  it('gives a changed text a new name (no clash with what a connection prepared before)', async () => {
    const before = (await prepared()).length;
    await executeNamed(handle.db, sql`select ${1}::int as one`);
    await executeNamed(handle.db, sql`select ${1}::int as one`);
    await executeNamed(handle.db, sql`select ${1}::int as one, 2 as two`);
    expect((await prepared()).length).toBe(before + 2);
  });

  it('a statement template is one prepared statement, its values bound per call (named or not)', async () => {
    const before = (await prepared()).length;
    const template = statementTemplate(
      () => sql`select ${sql.placeholder('a')}::text as a, cardinality(${sql.placeholder('ids')}::int[]) as n`,
    );
    const one = await pipelinedTransaction(handle.db, (tx) => template.execute<{ a: string; n: number }>(tx, { a: 'x', ids: '{1,2}' }));
    const two = await template.execute<{ a: string; n: number }>(handle.db, { a: 'y', ids: '{1,2,3}' });
    expect([...one.rows, ...two.rows]).toEqual([{ a: 'x', n: 2 }, { a: 'y', n: 3 }]);
    expect((await prepared()).length).toBe(before + 1);
    process.env.BATON_PG_NAMED_STATEMENTS = '0';
    try {
      expect((await template.execute(handle.db, { a: 'z', ids: '{}' })).rows).toEqual([{ a: 'z', n: 0 }]);
    } finally {
      delete process.env.BATON_PG_NAMED_STATEMENTS;
    }
    expect((await prepared()).length).toBe(before + 1);
  });

  it('sends an unnamed statement when BATON_PG_NAMED_STATEMENTS=0 (for A/B measurement)', async () => {
    const before = (await prepared()).length;
    process.env.BATON_PG_NAMED_STATEMENTS = '0';
    try {
      const r = await executeNamed<{ n: number }>(handle.db, sql`select ${3}::int as n, 'off' as mode`);
      expect(r.rows).toEqual([{ n: 3, mode: 'off' }]);
    } finally {
      delete process.env.BATON_PG_NAMED_STATEMENTS;
    }
    expect((await prepared()).length).toBe(before);
  });

  it('a statement whose result columns a migration changed fails once; the connection is dropped and the retry works', async () => {
    await handle.db.execute(sql`drop table if exists named_statement_probe`);
    await handle.db.execute(sql`create table named_statement_probe (a int)`);
    await handle.db.execute(sql`insert into named_statement_probe values (1)`);
    const read = () => pipelinedTransaction(handle.db, (tx) => executeNamed<{ a: number }>(tx, sql`select * from named_statement_probe where a = ${1}`));
    expect((await read()).rows).toEqual([{ a: 1 }]);
    await handle.db.execute(sql`alter table named_statement_probe add column b int`);
    await expect(read()).rejects.toMatchObject({ cause: { code: '0A000' } });
    expect((await read()).rows).toEqual([{ a: 1, b: null }]);
    await handle.db.execute(sql`drop table named_statement_probe`);
  });
});
