import { afterAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { testDatabase, createTestWorkspace } from '../testing';
import { tenant } from '../tenancy/tenant';
import { receiveInboundMessage } from '../conversations/inbound/receive-inbound-message';
import { conversations, outboxEvents } from '../schema';
import { rowFromJson } from './row-from-json';

const handle = testDatabase(2);
afterAll(() => handle.close());

describe('rowFromJson', () => {
  it('maps to_jsonb rows exactly as a drizzle select maps the same rows (timestamps, enums, json, nulls)', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'A1' }], teams: {} });
    const t = tenant(handle.db, ws.workspaceId);
    const m = await receiveInboundMessage(t, ws.channelId, {
      contact: { externalId: 'json-rows' },
      text: 'hi',
    });
    for (const [table, id] of [
      [conversations, m.conversationId],
      [outboxEvents, m.outboxEventIds[0]!],
    ] as const) {
      const [selected] = await handle.db.select().from(table).where(eq(table.id, id));
      const raw = await handle.db.execute<{ j: Record<string, unknown> }>(
        sql`select to_jsonb(x) as j from ${table} x where x.id = ${id}`,
      );
      expect(rowFromJson(table, raw.rows[0]!.j)).toEqual(selected);
    }
  });
});
