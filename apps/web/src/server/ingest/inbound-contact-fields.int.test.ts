import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createContactField, createTag, tenant } from '@baton/db';
import { createTestWorkspace, testDatabase, type TestWorkspace } from '@baton/db/testing';
import { ingestInboundMessage } from './ingest-inbound-message';

// The public API's contact.fields / contact.tags / priority: checked against the workspace's
// definitions, a 400 naming the field, and nothing of a refused message written.
const handle = testDatabase(2);
let ws: TestWorkspace;
let key = '';

beforeAll(async () => {
  ws = await createTestWorkspace(handle.db, { members: [{ name: 'Owner', role: 'owner' }] });
  const t = tenant(handle.db, ws.workspaceId);
  key = (await createApiKey(t, { name: 'fields', createdBy: null })).plaintext;
  await createContactField(t, { key: 'language', label: 'Language', type: 'select', options: ['de', 'en'] });
  await createContactField(t, { key: 'seats', label: 'Seats', type: 'number' });
  await createTag(t, 'vip');
});
afterAll(() => handle.close());

const post = (body: unknown) =>
  ingestInboundMessage({ authorization: `Bearer ${key}`, channelId: ws.channelId, readBody: async () => JSON.stringify(body), clientIp: () => '127.0.0.1' });

describe('POST /api/v1/channels/:id/messages with contact fields and tags', () => {
  it('400 naming the field for a wrong type, an unknown field and an unknown tag; nothing written', async () => {
    const wrongType = await post({ contact: { externalId: 'p1', fields: { seats: 'a few' } }, text: 'hi' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body).toMatchObject({ error: { code: 'invalid', details: [{ field: 'contact.fields.seats' }] } });
    expect((wrongType.body as { error: { message: string } }).error.message).toContain('contact.fields.seats');
    const notAnOption = await post({ contact: { externalId: 'p1', fields: { language: 'fr' } }, text: 'hi' });
    expect(notAnOption.body).toMatchObject({ error: { details: [{ field: 'contact.fields.language', message: expect.stringContaining('"de", "en"') }] } });
    const unknownTag = await post({ contact: { externalId: 'p1', tags: ['gold'] }, text: 'hi' });
    expect(unknownTag.status).toBe(400);
    expect(unknownTag.body).toMatchObject({ error: { details: [{ field: 'contact.tags.0' }] } });
    const badPriority = await post({ contact: { externalId: 'p1' }, text: 'hi', priority: 'asap' });
    expect(badPriority.status).toBe(400);
    expect(badPriority.body).toMatchObject({ error: { details: [{ field: 'priority' }] } });
    expect((await handle.pool.query('select 1 from contacts where workspace_id = $1', [ws.workspaceId])).rowCount).toBe(0);
  });

  it('201 stores canonical values, tags and the priority', async () => {
    const ok = await post({ contact: { externalId: 'p2', fields: { language: 'de', seats: '12' }, tags: ['vip'] }, text: 'Hallo', priority: 'urgent' });
    expect(ok.status).toBe(201);
    const { rows } = await handle.pool.query(
      `select c.fields, c.tags, v.priority from contacts c join conversations v on v.contact_id = c.id where c.workspace_id = $1 and c.external_id = 'p2'`,
      [ws.workspaceId],
    );
    expect(rows).toEqual([{ fields: { language: 'de', seats: '12' }, tags: ['vip'], priority: 'urgent' }]);
  });
});
