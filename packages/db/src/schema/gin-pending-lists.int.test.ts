import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabase, createTestWorkspace } from '../testing';
import { receiveInboundMessages } from '../conversations/inbound/receive-inbound-messages';
import { cleanGinPendingLists } from '../system/clean-gin-pending-lists.sql';

const handle = testDatabase(1);
afterAll(() => handle.close());

describe('search indexes on the inbound path', () => {
  it('take inserts into a pending list, which the sweep merges (so no insert has to)', async () => {
    const r = await handle.db.execute<{ index: string; options: string[] | null }>(sql`
      select c.relname as index, c.reloptions as options
        from pg_class c join pg_index i on i.indexrelid = c.oid join pg_am am on am.oid = c.relam
       where am.amname = 'gin' and i.indrelid in ('messages'::regclass, 'contacts'::regclass)
       order by 1`);
    expect(r.rows.map((x) => x.index)).toEqual(['contacts_email_trgm_idx', 'contacts_name_trgm_idx', 'messages_text_trgm_idx']);
    // fastupdate at its default (on): appending to the list is the cheap way to insert.
    for (const row of r.rows) expect(row.options ?? [], row.index).not.toContainEqual(expect.stringMatching(/^fastupdate=(false|off)$/));

    await cleanGinPendingLists(handle.db);
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'A1' }], teams: {} });
    const text = 'Hello, I need help with my order: it has not arrived and the tracking number does not work';
    await receiveInboundMessages(
      handle.db,
      Array.from({ length: 300 }, (_, i) => ({
        workspaceId: ws.workspaceId,
        channelId: ws.channelId,
        input: { contact: { externalId: `gin-${i}`, name: `Customer number ${i}` }, text: `${text} #${i}` },
      })),
    );
    expect(await cleanGinPendingLists(handle.db)).toBeGreaterThan(0);
    expect(await cleanGinPendingLists(handle.db)).toBe(0);
    // Search still finds what was merged.
    const found = await handle.db.execute<{ n: number }>(sql`
      select count(*)::int as n from messages where workspace_id = ${ws.workspaceId} and text ilike ${'%tracking number%'}`);
    expect(found.rows[0]!.n).toBe(300);
  });
});
