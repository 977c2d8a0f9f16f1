// Keyset pagination stays exact while the list grows: 1,000 conversations listed in pages of
// 50 while 100 more arrive through the API — every pre-existing conversation is listed exactly
// once and no page repeats a row. Seeded rows share creation instants in groups, so the id
// half of the (created_at, id) key is exercised too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, tenant } from '@baton/db';
import { createTestWorkspace, testDatabase, type TestWorkspace } from '@baton/db/testing';
import { listContactsEndpoint, listConversationsEndpoint, receiveMessageEndpoint } from './endpoints/conversation-endpoints';
import { callEndpoint, expectDeclared } from './testing/call-endpoint';

const handle = testDatabase();
let ws: TestWorkspace;
let key: string;
let seeded: string[];
let seededContacts: string[];

beforeAll(async () => {
  process.env.RATE_LIMITS = 'off';
  ws = await createTestWorkspace(handle.db, { members: [{ name: 'Owner', role: 'owner' }] });
  key = (await createApiKey(tenant(handle.db, ws.workspaceId), { name: 'pager', createdBy: null })).plaintext;
  // 1,000 conversations whose creation instants collide in groups (g % 97 ms apart).
  const { rows } = await handle.pool.query<{ id: string; contact_id: string }>(
    `with c as (
       insert into contacts (workspace_id, channel_id, external_id, created_at)
       select $1, $2, 'seed-' || g, now() - (g % 97) * interval '1 millisecond' from generate_series(1, 1000) g
       returning id, created_at)
     insert into conversations (workspace_id, channel_id, contact_id, opened_by, created_at)
     select $1, $2, id, 'contact', created_at from c
     returning id, contact_id`,
    [ws.workspaceId, ws.channelId],
  );
  seeded = rows.map((r) => r.id);
  seededContacts = rows.map((r) => r.contact_id);
});
afterAll(() => handle.close());

async function pageThrough(endpoint: typeof listConversationsEndpoint | typeof listContactsEndpoint, listKey: 'conversations' | 'contacts', whileListing: () => Promise<void>) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const r = await callEndpoint(endpoint, key, { query: { limit: '50', ...(cursor ? { cursor } : {}) } });
    expectDeclared(endpoint, r);
    expect(r.status).toBe(200);
    ids.push(...r.body[listKey].map((x: { id: string }) => x.id));
    cursor = r.body.nextCursor;
    pages++;
    await whileListing();
  } while (cursor);
  return { ids, pages };
}

describe('cursor pagination under concurrent inserts', () => {
  it('1,000 conversations in pages of 50 while 100 more arrive: none skipped, none repeated', async () => {
    let sent = 0;
    const arriving: Promise<unknown>[] = [];
    const arrive = async () => {
      // five new conversations between pages, in parallel with the next page's query
      const batch = Array.from({ length: 5 }, () => ++sent).filter((n) => n <= 100);
      arriving.push(...batch.map((n) => callEndpoint(receiveMessageEndpoint, key, { id: ws.channelId, body: { contact: { externalId: `late-${n}` }, text: 'arriving while you page' } })));
    };
    const { ids, pages } = await pageThrough(listConversationsEndpoint, 'conversations', arrive);
    const statuses = await Promise.all(arriving.map((p) => p.then((r) => (r as { status: number }).status)));
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    const listed = new Set(ids);
    expect(seeded.filter((id) => !listed.has(id))).toEqual([]);
    expect(pages).toBeGreaterThanOrEqual(20);
    expect(sent).toBeGreaterThanOrEqual(100);
  });

  it('contacts page the same way', async () => {
    const { ids } = await pageThrough(listContactsEndpoint, 'contacts', async () => {});
    expect(new Set(ids).size).toBe(ids.length);
    const listed = new Set(ids);
    expect(seededContacts.filter((id) => !listed.has(id))).toEqual([]);
  });

  it('a cursor from another list or a tampered one is a 400 naming cursor', async () => {
    const bad = Buffer.from(JSON.stringify(['not a time', ws.channelId])).toString('base64url');
    const r = await callEndpoint(listConversationsEndpoint, key, { query: { cursor: bad } });
    expect(r.status).toBe(400);
    expect(r.body.error.details.map((d: { field: string }) => d.field)).toEqual(['cursor']);
  });
});
