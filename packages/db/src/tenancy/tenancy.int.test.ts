import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabase, createTestWorkspace } from '../testing';
import { tenant } from './tenant';
import { MissingWorkspaceError } from './workspace-id';

const handle = testDatabase();
afterAll(() => handle.close());

describe('tenancy', () => {
  it('migrations applied from empty: every tenant table carries workspace_id', async () => {
    const rows = await handle.db.execute<{ table_name: string }>(sql`
      select table_name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE'
        and table_name not in ('workspaces', 'users', '__drizzle_migrations')
        and table_name not in (select table_name from information_schema.columns where column_name = 'workspace_id')`);
    expect(rows.rows.map((r) => r.table_name)).toEqual([]);
  });

  it('a tenant handle cannot be made without a real workspace id', () => {
    expect(() => tenant(handle.db, '')).toThrow(MissingWorkspaceError);
    expect(() => tenant(handle.db, 'not-a-uuid')).toThrow(MissingWorkspaceError);
    expect(() => tenant(handle.db, undefined as unknown as string)).toThrow(MissingWorkspaceError);
  });

  it('the conversation event log rejects updates', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Alice' }] });
    await expect(
      handle.db.execute(sql`update conversation_events set reason = 'x' where workspace_id = ${ws.workspaceId}`),
    ).resolves.toBeDefined(); // no rows: allowed
    // With a row, the trigger fires (covered in conversations tests once events exist).
  });
});
