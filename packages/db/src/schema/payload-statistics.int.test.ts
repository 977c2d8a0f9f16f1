import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabase } from '../testing';

const handle = testDatabase(1);
afterAll(() => handle.close());

// Migration 0038: payload columns are read with their row, never filtered on, and computing
// their statistics was most of ANALYZE's time on the hot tables (autovacuum, every minute at
// 500 conversations/s while the tables are young). The columns queries filter, join, group or
// search on keep the default target.
const withoutStatistics = [
  'run_steps.output',
  'run_steps.decision',
  'run_steps.effects',
  'run_steps.error',
  'workflow_runs.state',
  'workflow_runs.error',
  'conversation_events.reason',
  'conversation_events.data',
  'messages.delivery_error',
  'notifications.text',
  'outbox_events.payload',
  'contacts.fields',
];
const keptDefault = ['run_steps.step_id', 'run_steps.run_id', 'workflow_runs.status', 'messages.text', 'contacts.name', 'contacts.tags', 'conversations.last_message_preview'];

async function targets(columns: string[]) {
  // attstattarget: 0 = no statistics; null (PG 17) or -1 = the default target.
  const r = await handle.db.execute<{ c: string; t: number | null }>(sql`
    select c.relname || '.' || a.attname as c, a.attstattarget::int as t
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relname || '.' || a.attname = any(${`{${columns.join(',')}}`}::text[])`);
  return Object.fromEntries(r.rows.map((row) => [row.c, row.t === null || row.t < 0 ? 'default' : row.t]));
}

describe('planner statistics of payload columns', () => {
  it('are not collected for payload columns, and are for the columns queries use', async () => {
    expect(await targets(withoutStatistics)).toEqual(Object.fromEntries(withoutStatistics.map((c) => [c, 0])));
    expect(await targets(keptDefault)).toEqual(Object.fromEntries(keptDefault.map((c) => [c, 'default'])));
  });
});
