// The replay guard runs after the signature (security review #5): a request that is not
// signed by the channel's secret writes nothing to Redis, keys live under the configured
// prefix and are bounded in size, and a request that fails after the guard can be retried.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { signPayload } from '@baton/db';
import { createTestWorkspace, testDatabase, type TestWorkspace } from '@baton/db/testing';

const handle = testDatabase(2);
const redis = new Redis(process.env.REDIS_URL!);
const prefix = `replaytest${randomBytes(4).toString('hex')}`;
let ws: TestWorkspace;

beforeAll(async () => {
  process.env.RATE_LIMITS = 'off';
  process.env.BATON_QUEUE_PREFIX = prefix;
  ws = await createTestWorkspace(handle.db, { members: [{ name: 'Owner', role: 'owner' }] });
});
afterAll(async () => {
  redis.disconnect();
  await handle.close();
});

async function post(id: string, raw: string, headers: Record<string, string>) {
  const { POST } = await import('@/app/api/v1/channels/[id]/messages/route');
  const res = await POST(new Request(`http://baton.test/api/v1/channels/${encodeURIComponent(id)}/messages`, { method: 'POST', body: raw, headers }), { params: Promise.resolve({ id }) });
  return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
}
const signed = (secret: string, raw: string, ts = String(Math.floor(Date.now() / 1000))) => ({ 'x-baton-timestamp': ts, 'x-baton-signature': signPayload(secret, ts, raw) });
/** Replay keys anywhere in Redis that mention this channel or the junk ids below. */
const replayKeys = async (needle: string) => (await redis.keys('*replay*')).filter((k) => k.includes(needle));

describe('replay guard after the signature', () => {
  it('unsigned, wrongly signed, unknown-channel and junk-id requests write no Redis key', async () => {
    const raw = JSON.stringify({ contact: { externalId: randomUUID() }, text: 'no id' });
    const junk = `x${'a'.repeat(8000)}`;
    const results = [
      await post(ws.channelId, raw, signed(randomBytes(16).toString('hex'), raw)),
      await post(ws.channelId, raw, { 'x-baton-timestamp': '1', 'x-baton-signature': `sha256=${randomBytes(32).toString('hex')}` }),
      await post(junk, raw, signed(ws.channelSecret, raw)),
      await post(randomUUID(), raw, signed(ws.channelSecret, raw)),
    ];
    expect(results.map((r) => r.status)).toEqual([401, 401, 404, 404]);
    expect(await replayKeys(ws.channelId)).toEqual([]);
    expect(await replayKeys('aaaaaaaa')).toEqual([]);
    expect(await redis.keys(`${prefix}:*`)).toEqual([]);
  });

  it('a verified request without an externalId records one bounded key under BATON_QUEUE_PREFIX, with a TTL', async () => {
    const raw = JSON.stringify({ contact: { externalId: randomUUID() }, text: 'recorded' });
    const headers = signed(ws.channelSecret, raw);
    expect((await post(ws.channelId, raw, headers)).status).toBe(201);
    const keys = await replayKeys(ws.channelId);
    expect(keys).toHaveLength(1);
    expect(keys[0]!.startsWith(`${prefix}:`)).toBe(true);
    expect(keys[0]!.length).toBeLessThan(150);
    expect(await redis.pttl(keys[0]!)).toBeGreaterThan(5 * 60_000);
    expect((await post(ws.channelId, raw, headers)).status).toBe(409);
  });

  it('a 500 after the signature verified does not burn it: the retry is stored (201), not refused as a replay (409)', async () => {
    const marker = `fail-once-${randomUUID()}`;
    const fn = `fail_once_${randomBytes(4).toString('hex')}`;
    await handle.pool.query(`create function ${fn}() returns trigger language plpgsql as $$ begin if new.text = '${marker}' then raise exception 'injected failure'; end if; return new; end $$`);
    await handle.pool.query(`create trigger ${fn} before insert on messages for each row execute function ${fn}()`);
    const raw = JSON.stringify({ contact: { externalId: randomUUID() }, text: marker });
    const headers = signed(ws.channelSecret, raw);
    try {
      expect((await post(ws.channelId, raw, headers)).status).toBe(500);
    } finally {
      await handle.pool.query(`drop trigger ${fn} on messages; drop function ${fn}()`);
    }
    const retry = await post(ws.channelId, raw, headers);
    expect(retry.status).toBe(201);
  });
});
