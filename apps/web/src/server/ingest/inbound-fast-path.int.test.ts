import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, tenant } from '@baton/db';
import { createTestWorkspace, testDatabase } from '@baton/db/testing';
import { POST as nextRoute } from '@/app/api/v1/channels/[id]/messages/route';
import { DEFAULT_MAX_BODY_BYTES } from '@/server/body/body-limit';
import { inboundChannelId, serveInbound } from './inbound-fast-path';

// server.ts in small: the fast path for what it claims, a stand-in for Next for the rest.
const handle = testDatabase(2);
let server: Server;
let base = '';
let key = '';
let channelId = '';

beforeAll(async () => {
  const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Owner', role: 'owner' }, { name: 'A1' }] });
  key = (await createApiKey(tenant(handle.db, ws.workspaceId), { name: 'fast path', createdBy: null })).plaintext;
  channelId = ws.channelId;
  server = createServer((req, res) => {
    const id = inboundChannelId(req);
    if (id === null) {
      res.writeHead(418).end('next');
      return;
    }
    void serveInbound(req, res, id);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await handle.close();
});

const post = (path: string, body: string, headers: Record<string, string> = { authorization: `Bearer ${key}` }) =>
  fetch(`${base}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

describe('ingestion fast path (server.ts)', () => {
  it('stores a message with an API key: 201, then 200 for the same external id, with the security headers', async () => {
    const body = JSON.stringify({ contact: { externalId: 'fast-1', name: 'Fast' }, text: 'Hello', externalId: 'm-fast-1' });
    const first = await post(`/api/v1/channels/${channelId}/messages`, body);
    expect(first.status).toBe(201);
    expect(first.headers.get('content-type')).toBe('application/json');
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const stored = (await first.json()) as { conversationId: string; duplicate: boolean; outboxEventIds?: unknown };
    expect(stored).toMatchObject({ duplicate: false, openedConversation: true });
    expect(stored.outboxEventIds).toBeUndefined();
    const again = await post(`/api/v1/channels/${channelId}/messages`, body);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true, conversationId: stored.conversationId });
  });

  it('honours Idempotency-Key like the Next route: concurrent duplicates store one message, same answer', async () => {
    const body = JSON.stringify({ contact: { externalId: 'fast-idem' }, text: 'once, please' });
    const headers = { authorization: `Bearer ${key}`, 'idempotency-key': 'fast-path-key' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(`/api/v1/channels/${channelId}/messages`, body, headers)));
    const bodies = await Promise.all(answers.map((r) => r.text()));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(bodies).size).toBe(1);
    expect(answers.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(4);
    const reused = await post(`/api/v1/channels/${channelId}/messages`, JSON.stringify({ contact: { externalId: 'fast-idem' }, text: 'other' }), headers);
    expect(reused.status).toBe(409);
  });

  it('answers bad input exactly as the Next route does (400 naming the field, 401, 404)', async () => {
    const cases: Array<{ id: string; body: string; auth: string }> = [
      { id: channelId, body: JSON.stringify({ contact: { externalId: 'x' } }), auth: `Bearer ${key}` },
      { id: channelId, body: '{not json', auth: `Bearer ${key}` },
      { id: channelId, body: JSON.stringify({ contact: { externalId: 'x' }, text: 'hi' }), auth: 'Bearer bk_live_wrong' },
      { id: '00000000-0000-4000-8000-000000000000', body: JSON.stringify({ contact: { externalId: 'x' }, text: 'hi' }), auth: `Bearer ${key}` },
      { id: 'not-a-uuid', body: JSON.stringify({ contact: { externalId: 'x' }, text: 'hi' }), auth: `Bearer ${key}` },
    ];
    for (const c of cases) {
      const fast = await post(`/api/v1/channels/${c.id}/messages`, c.body, { authorization: c.auth });
      const viaNext = await nextRoute(
        new Request(`http://localhost/api/v1/channels/${c.id}/messages`, { method: 'POST', body: c.body, headers: { authorization: c.auth, 'content-type': 'application/json' } }),
        { params: Promise.resolve({ id: c.id }) },
      );
      expect(fast.status).toBe(viaNext.status);
      expect(await fast.json()).toEqual(await viaNext.json());
    }
    const missingText = await post(`/api/v1/channels/${channelId}/messages`, JSON.stringify({ contact: { externalId: 'x' } }));
    expect(missingText.status).toBe(400);
    expect(((await missingText.json()) as { error: { details: Array<{ field: string }> } }).error.details[0]!.field).toBe('text');
  });

  it('refuses a body over the limit with 413 and keeps serving', async () => {
    const huge = JSON.stringify({ contact: { externalId: 'big' }, text: 'x'.repeat(DEFAULT_MAX_BODY_BYTES + 10) });
    const res = await post(`/api/v1/channels/${channelId}/messages`, huge);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    const ok = await post(`/api/v1/channels/${channelId}/messages`, JSON.stringify({ contact: { externalId: 'after-big' }, text: 'still here' }));
    expect(ok.status).toBe(201);
  });

  it('leaves everything else to Next: no API key (signed webhooks), other methods and paths', async () => {
    expect((await post(`/api/v1/channels/${channelId}/messages`, '{}', { 'x-baton-signature': 'sha256=00' })).status).toBe(418);
    expect((await fetch(`${base}/api/v1/channels/${channelId}/messages`)).status).toBe(418);
    expect((await post(`/api/v1/channels/${channelId}/messages/extra`, '{}')).status).toBe(418);
    expect((await post('/api/v1/workflows', '{}')).status).toBe(418);
  });
});
