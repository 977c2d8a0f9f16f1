import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabase } from '../testing';

const handle = testDatabase(1);
afterAll(() => handle.close());

describe('trigram indexes on the inbound path', () => {
  it('have no pending list (fastupdate off): no insert merges one inside its transaction', async () => {
    const r = await handle.db.execute<{ index: string; options: string[] | null }>(sql`
      select c.relname as index, c.reloptions as options
        from pg_class c join pg_index i on i.indexrelid = c.oid join pg_am am on am.oid = c.relam
       where am.amname = 'gin' and i.indrelid in ('messages'::regclass, 'contacts'::regclass)
       order by 1`);
    expect(r.rows.map((x) => x.index)).toEqual(['contacts_email_trgm_idx', 'contacts_name_trgm_idx', 'messages_text_trgm_idx']);
    for (const row of r.rows) {
      expect(row.options?.some((o) => /^fastupdate=(false|off)$/.test(o)), row.index).toBe(true);
    }
  });
});
