import { describe, expect, it } from 'vitest';
import { api } from './browser';

async function poll<T>(fn: () => Promise<T | null>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('public API against the running app', () => {
  it('serves its OpenAPI description', async () => {
    const res = await fetch(`${process.env.BATON_E2E_URL}/api/v1/openapi.json`);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/channels/{id}/messages');
  });

  it('routes a customer message through the published seed workflow', async () => {
    const sent = await api(`/channels/${process.env.BATON_E2E_CHANNEL_ID}/messages`, {
      method: 'POST',
      json: { contact: { externalId: 'e2e-api-1', name: 'Api Person' }, text: 'Hello from e2e', externalId: 'e2e-msg-1' },
    });
    expect(sent.status).toBe(201);
    const conversation = await poll(async () => {
      const r = await api(`/conversations/${sent.body.conversationId}`);
      return r.body?.assignee ? r.body : null;
    });
    expect(['Alice', 'Bob']).toContain(conversation.assignee.name);
    const replay = await api(`/channels/${process.env.BATON_E2E_CHANNEL_ID}/messages`, {
      method: 'POST',
      json: { contact: { externalId: 'e2e-api-1', name: 'Api Person' }, text: 'Hello from e2e', externalId: 'e2e-msg-1' },
    });
    expect(replay.status).toBe(200);
    expect(replay.body.duplicate).toBe(true);
  });

  it('answers bad input with 400 naming the field, and a bad key with 401', async () => {
    const bad = await api(`/channels/${process.env.BATON_E2E_CHANNEL_ID}/messages`, { method: 'POST', json: { contact: {}, text: '' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['contact.externalId', 'text']));
    const unauth = await api('/users', { headers: { authorization: 'Bearer bk_live_nope' } });
    expect(unauth.status).toBe(401);
  });
});
