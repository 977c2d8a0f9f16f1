import { fillPlaceholders, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Executor } from '../client';
import { captureStatements } from './capture-statements';
import { rowsParam } from './json-recordset';
import { statementTemplate, statementVariants } from './statement-template';

/**
 * A stand-in for drizzle's session with what NodePgPreparedQuery does before it sends: fill
 * the placeholders from the values (fillPlaceholders). It answers with what would be sent.
 */
function recordingSession() {
  const sent: Array<{ sql: string; name: string | undefined; params: unknown[] }> = [];
  const executor = {
    execute: () => {
      throw new Error('the prepared path must not go through execute()');
    },
    session: {
      prepareQuery: (query: { sql: string; params: unknown[] }, _f: undefined, name: string | undefined) => ({
        execute: (values: Record<string, unknown>) => {
          sent.push({ sql: query.sql, name, params: fillPlaceholders(query.params, values) });
          return Promise.resolve({ rows: [] });
        },
      }),
    },
  } as unknown as Executor;
  return { executor, sent };
}

describe('statementTemplate', () => {
  it('builds and renders its statement once, however many calls', async () => {
    let builds = 0;
    const template = statementTemplate(() => {
      builds += 1;
      return sql`select ${sql.placeholder('a')}::int as a`;
    });
    const { executor, sent } = recordingSession();
    await template.execute(executor, { a: 1 });
    const rendered = template.render();
    await template.execute(executor, { a: 2 });
    expect(builds).toBe(1);
    expect(template.render()).toBe(rendered);
    expect(sent.map((s) => s.sql)).toEqual(['select $1::int as a', 'select $1::int as a']);
    // Named after its text, as executeNamed names it: one prepared statement per connection.
    expect(sent[0]!.name).toMatch(/^baton_[0-9a-f]{20}$/);
    expect(sent[1]!.name).toBe(sent[0]!.name);
  });

  it('binds each call’s values by name, constants kept in place', async () => {
    const template = statementTemplate(
      () => sql`select ${sql.placeholder('b')}::int, ${'const'}::text, ${sql.placeholder('a')}::int, ${sql.placeholder('b')}::int`,
    );
    const { executor, sent } = recordingSession();
    await template.execute(executor, { a: 1, b: 2 });
    await template.execute(executor, { b: 20, a: 10 });
    expect(sent.map((s) => s.params)).toEqual([
      [2, 'const', 1, 2],
      [20, 'const', 10, 20],
    ]);
  });

  it('binds rows through a RowsParam: their jsonb and their count', async () => {
    const rows = rowsParam('r');
    const template = statementTemplate(() => sql`select * from jsonb_to_recordset(${rows.json}::jsonb) as v(x int) limit ${rows.count}`);
    const { executor, sent } = recordingSession();
    const values = {};
    rows.bind(values, [{ x: 1 }, { x: 2 }]);
    await template.execute(executor, values);
    expect(sent[0]!.params).toEqual(['[{"x":1},{"x":2}]', 2]);
  });

  it('a missing value fails before anything is sent, naming the placeholder', async () => {
    const template = statementTemplate(() => sql`select ${sql.placeholder('a')}::int, ${sql.placeholder('b')}::int`);
    const { executor, sent } = recordingSession();
    expect(() => template.execute(executor, { a: 1 })).toThrow(/no value for placeholder "b"/);
    expect(sent).toEqual([]);
  });

  it('without drizzle’s session (captureStatements) sends the statement with its values as parameters', async () => {
    const template = statementTemplate(() => sql`select ${sql.placeholder('ids')}::uuid[], ${sql.placeholder('n')}::int`);
    const ids = ['00000000-0000-4000-8000-000000000001'];
    const captured = await captureStatements((tx) => template.execute(tx, { ids, n: 3 }));
    // The array stays one parameter (a bare array would be rendered as a list of them).
    expect(captured).toEqual([{ sql: 'select $1::uuid[], $2::int', params: [ids, 3] }]);
    await expect(captureStatements((tx) => template.execute(tx, { ids }))).rejects.toThrow(/no value for placeholder "n"/);
  });
});

describe('statementVariants', () => {
  it('builds each variant the first time it is rendered, and only then', () => {
    const built: string[] = [];
    const variant = statementVariants((key: string) => {
      built.push(key);
      return sql`select ${sql.raw(key)}`;
    });
    expect(variant('a')).toBe(variant('a'));
    expect(built).toEqual([]); // built when first rendered, not when named
    expect(variant('b').render().sql).toBe('select b');
    variant('a').render();
    variant('a').render();
    expect(built).toEqual(['b', 'a']);
  });
});
