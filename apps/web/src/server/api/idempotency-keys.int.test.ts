// Idempotency-Key on POST: one effect per (API key, key) however often and however
// concurrently a request is repeated; the same key with another request is a 409 that
// writes nothing; keys are per API key and last 24 hours.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, tenant } from '@baton/db';
import { createTestWorkspace, testDatabase, type TestWorkspace } from '@baton/db/testing';
import { receiveMessageEndpoint } from './endpoints/conversation-endpoints';
import { createTeamEndpoint } from './endpoints/team-endpoints';
import { createWorkflowEndpoint } from './endpoints/workflow-endpoints';
import { callEndpoint, expectDeclared } from './testing/call-endpoint';

const handle = testDatabase();
let ws: TestWorkspace;
let key: string;
let otherKey: string;

beforeAll(async () => {
  process.env.RATE_LIMITS = 'off';
  ws = await createTestWorkspace(handle.db, { members: [{ name: 'Owner', role: 'owner' }] });
  const t = tenant(handle.db, ws.workspaceId);
  key = (await createApiKey(t, { name: 'idem', createdBy: null })).plaintext;
  otherKey = (await createApiKey(t, { name: 'idem 2', createdBy: null })).plaintext;
});
afterAll(() => handle.close());

const count = async (sql: string, params: unknown[]) => Number((await handle.pool.query<{ n: string }>(sql, params)).rows[0]!.n);
const messagesFrom = (externalId: string) =>
  count('select count(*) as n from messages m join conversations c on c.id = m.conversation_id join contacts k on k.id = c.contact_id where k.workspace_id = $1 and k.external_id = $2', [ws.workspaceId, externalId]);

describe('Idempotency-Key', () => {
  it('the same inbound message 10 times at once with one key: one message, the same answer each time', async () => {
    const body = { contact: { externalId: 'idem-1' }, text: 'Did my order ship?' };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => callEndpoint(receiveMessageEndpoint, key, { id: ws.channelId, body, headers: { 'idempotency-key': 'order-42' } })),
    );
    for (const a of answers) expectDeclared(receiveMessageEndpoint, a);
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(9);
    expect(await messagesFrom('idem-1')).toBe(1);
  });

  it('a retry later replays the stored answer; without the key the same body is a new message', async () => {
    const body = { contact: { externalId: 'idem-2' }, text: 'Hello?' };
    const first = await callEndpoint(receiveMessageEndpoint, key, { id: ws.channelId, body, headers: { 'idempotency-key': 'k-2' } });
    const retry = await callEndpoint(receiveMessageEndpoint, key, { id: ws.channelId, body, headers: { 'idempotency-key': 'k-2' } });
    expect(retry.body).toEqual(first.body);
    expect(await messagesFrom('idem-2')).toBe(1);
    await callEndpoint(receiveMessageEndpoint, key, { id: ws.channelId, body });
    expect(await messagesFrom('idem-2')).toBe(2);
  });

  it('the same key with a different body is a 409 naming the header, and writes nothing', async () => {
    await callEndpoint(receiveMessageEndpoint, key, { id: ws.channelId, body: { contact: { externalId: 'idem-3' }, text: 'one' }, headers: { 'idempotency-key': 'k-3' } });
    const reused = await callEndpoint(receiveMessageEndpoint, key, { id: ws.channelId, body: { contact: { externalId: 'idem-3' }, text: 'two' }, headers: { 'idempotency-key': 'k-3' } });
    expectDeclared(receiveMessageEndpoint, reused);
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    expect(reused.body.error.details[0].field).toBe('Idempotency-Key');
    expect(await messagesFrom('idem-3')).toBe(1);
    // …and on another endpoint with the same key
    const elsewhere = await callEndpoint(createTeamEndpoint, key, { body: { name: 'Reuse' }, headers: { 'idempotency-key': 'k-3' } });
    expect(elsewhere.status).toBe(409);
    expect(await count('select count(*) as n from teams where workspace_id = $1 and name = $2', [ws.workspaceId, 'Reuse'])).toBe(0);
  });

  it('every POST honours it: 10 concurrent workflow creations with one key make one workflow', async () => {
    const body = { name: 'Idempotent flow' };
    const answers = await Promise.all(Array.from({ length: 10 }, () => callEndpoint(createWorkflowEndpoint, key, { body, headers: { 'idempotency-key': 'wf-1' } })));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await count('select count(*) as n from workflows where workspace_id = $1 and name = $2', [ws.workspaceId, 'Idempotent flow'])).toBe(1);
  });

  it('a client error is replayed too (it is as final as a success)', async () => {
    const first = await callEndpoint(createTeamEndpoint, key, { body: { name: '' }, headers: { 'idempotency-key': 'bad-team' } });
    const again = await callEndpoint(createTeamEndpoint, key, { body: { name: '' }, headers: { 'idempotency-key': 'bad-team' } });
    expect([first.status, again.status]).toEqual([400, 400]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('keys are per API key, and expire after 24 hours', async () => {
    const body = { contact: { externalId: 'idem-4' }, text: 'hi' };
    await callEndpoint(receiveMessageEndpoint, key, { id: ws.channelId, body, headers: { 'idempotency-key': 'shared' } });
    await callEndpoint(receiveMessageEndpoint, otherKey, { id: ws.channelId, body, headers: { 'idempotency-key': 'shared' } });
    expect(await messagesFrom('idem-4')).toBe(2);
    await handle.pool.query(`update idempotency_keys set created_at = now() - interval '25 hours' where workspace_id = $1 and key = 'shared'`, [ws.workspaceId]);
    const fresh = await callEndpoint(receiveMessageEndpoint, key, { id: ws.channelId, body, headers: { 'idempotency-key': 'shared' } });
    expect(fresh.headers.get('idempotent-replayed')).toBeNull();
    expect(await messagesFrom('idem-4')).toBe(3);
  });

  it('a malformed key is a 400 naming the header', async () => {
    const r = await callEndpoint(createTeamEndpoint, key, { body: { name: 'x' }, headers: { 'idempotency-key': 'k'.repeat(256) } });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].field).toBe('Idempotency-Key');
    expect(await count('select count(*) as n from teams where workspace_id = $1 and name = $2', [ws.workspaceId, 'x'])).toBe(0);
  });
});
