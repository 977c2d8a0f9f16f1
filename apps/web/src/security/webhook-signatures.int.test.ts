// Signed inbound messages through the real route: a wrong secret, a stale or future
// timestamp, a tampered body, and a replay are all refused (401), or for a replayed
// externalId acknowledged without a second message. 100% of each.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPayload } from '@baton/db';
import { createTestWorkspace, testDatabase, type TestWorkspace } from '@baton/db/testing';
import { importWeb } from './discover-endpoints';

const handle = testDatabase();
let ws: TestWorkspace;
beforeAll(async () => {
  process.env.RATE_LIMITS = 'off';
  ws = await createTestWorkspace(handle.db, { members: [{ name: 'Owner', role: 'owner' }] });
});
afterAll(() => handle.close());

async function post(raw: string, ts: string, signature: string) {
  const { POST } = (await importWeb('app/api/v1/channels/[id]/messages/route.ts')) as { POST: (r: Request, c: unknown) => Promise<Response> };
  const res = await POST(
    new Request(`http://baton.test/api/v1/channels/${ws.channelId}/messages`, { method: 'POST', body: raw, headers: { 'content-type': 'application/json', 'x-baton-timestamp': ts, 'x-baton-signature': signature } }),
    { params: Promise.resolve({ id: ws.channelId }) },
  );
  return { status: res.status, body: await res.json() };
}
const messages = async () => Number((await handle.pool.query('select count(*) from messages where workspace_id = $1', [ws.workspaceId])).rows[0].count);
const now = () => String(Math.floor(Date.now() / 1000));
const body = () => JSON.stringify({ contact: { externalId: randomUUID() }, text: 'hi', externalId: randomUUID() });

describe('webhook signatures', () => {
  it('50 wrong secrets, 50 stale/future timestamps, 50 tampered bodies: all 401, nothing stored', async () => {
    const before = await messages();
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) {
      const raw = body();
      const ts = now();
      statuses.push((await post(raw, ts, signPayload(randomBytes(16).toString('hex'), ts, raw))).status);
      const skew = (301 + Math.floor(Math.random() * 100_000)) * (i % 2 ? 1 : -1);
      const stale = String(Math.floor(Date.now() / 1000) + skew);
      statuses.push((await post(raw, stale, signPayload(ws.channelSecret, stale, raw))).status);
      statuses.push((await post(raw.replace('hi', 'ho'), ts, signPayload(ws.channelSecret, ts, raw))).status);
    }
    expect(statuses.filter((s) => s !== 401)).toEqual([]);
    expect(await messages()).toBe(before);
  });

  it('a replayed signed request with an externalId is acknowledged, never stored twice', async () => {
    const raw = body();
    const ts = now();
    const sig = signPayload(ws.channelSecret, ts, raw);
    const first = await post(raw, ts, sig);
    expect(first.status).toBe(201);
    const before = await messages();
    const replays = await Promise.all(Array.from({ length: 20 }, () => post(raw, ts, sig)));
    expect(replays.every((r) => r.status === 200 && r.body.duplicate === true)).toBe(true);
    expect(await messages()).toBe(before);
  });

  it('a replayed signed request without an externalId is refused (409), stored once', async () => {
    const raw = JSON.stringify({ contact: { externalId: randomUUID() }, text: 'no id' });
    const ts = now();
    const sig = signPayload(ws.channelSecret, ts, raw);
    const before = await messages();
    const all = await Promise.all(Array.from({ length: 10 }, () => post(raw, ts, sig)));
    expect(all.filter((r) => r.status === 201)).toHaveLength(1);
    expect(all.filter((r) => r.status === 409 && r.body.error.code === 'replayed')).toHaveLength(9);
    expect(await messages()).toBe(before + 1);
  });
});
