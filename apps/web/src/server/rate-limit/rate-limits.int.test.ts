// Rate limits against the run's real Redis: the token bucket itself (atomic under
// concurrency, refills on Redis's clock), and each limited endpoint answering 429 with
// Retry-After: the public API per key, signed inbound messages per IP. (Sign-in, sign-up and
// invitations: sign-in-rate-limits.int.test.ts, anonymous-action-limits.int.test.ts.)
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createApiKey, signPayload, tenant } from '@baton/db';
import { createTestWorkspace, testDatabase, type TestWorkspace } from '@baton/db/testing';
import { takeToken } from './token-bucket';
import { readLimit } from './rate-limit-config';
import { CLIENT_IP_HEADER, markClientIpStamped } from './client-ip';

const handle = testDatabase();
const redis = new Redis(process.env.REDIS_URL!);
let ws: TestWorkspace;
let keyA: string;
let keyB: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  ws = await createTestWorkspace(handle.db, { members: [{ name: 'Owner', role: 'owner' }] });
  const t = tenant(handle.db, ws.workspaceId);
  keyA = (await createApiKey(t, { name: 'a', createdBy: null })).plaintext;
  keyB = (await createApiKey(t, { name: 'b', createdBy: null })).plaintext;
  markClientIpStamped(true); // as server.ts does: the client address arrives stamped
});
afterEach(() => {
  for (const k of ['RATE_LIMITS', 'RATE_LIMIT_API', 'RATE_LIMIT_INBOUND', 'RATE_LIMIT_SIGNIN', 'RATE_LIMIT_SIGNIN_IP']) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
});
afterAll(async () => {
  markClientIpStamped(false);
  redis.disconnect();
  await handle.close();
});

describe('token bucket (Lua, Redis clock)', () => {
  it('allows `limit` at once, refuses the next with a retry time, and refills over the window', async () => {
    const key = `test:bucket:${randomUUID()}`;
    const results: Awaited<ReturnType<typeof takeToken>>[] = [];
    for (let i = 0; i < 6; i++) results.push(await takeToken(redis, key, { limit: 5, windowMs: 1000 }));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, true, false]);
    expect(results[5]!.retryAfterMs).toBeGreaterThan(0);
    expect(results[5]!.retryAfterMs).toBeLessThanOrEqual(200);
    await new Promise((r) => setTimeout(r, results[5]!.retryAfterMs + 20));
    expect((await takeToken(redis, key, { limit: 5, windowMs: 1000 })).allowed).toBe(true);
    expect(await redis.pttl(key)).toBeGreaterThan(0); // idle buckets expire
  });

  it('is atomic: 60 concurrent requests on a bucket of 20 → exactly 20 allowed', async () => {
    const key = `test:bucket:${randomUUID()}`;
    const clients = Array.from({ length: 4 }, () => new Redis(process.env.REDIS_URL!));
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => takeToken(clients[i % 4]!, key, { limit: 20, windowMs: 60_000 })));
    clients.forEach((c) => c.disconnect());
    expect(results.filter((r) => r.allowed)).toHaveLength(20);
  });

  it('config: "<n>/<seconds>" from the environment, generous defaults, RATE_LIMITS=off', () => {
    expect(readLimit('api', {})).toEqual({ limit: 1200, windowMs: 60_000 });
    expect(readLimit('signInAccount', {})).toEqual({ limit: 20, windowMs: 300_000 });
    expect(readLimit('api', { RATE_LIMIT_API: '5/2' })).toEqual({ limit: 5, windowMs: 2000 });
    expect(readLimit('api', { RATE_LIMIT_API: 'off' })).toBeNull();
    expect(readLimit('inbound', { RATE_LIMITS: 'off' })).toBeNull();
    expect(readLimit('api', { RATE_LIMIT_API: 'garbage' })).toEqual({ limit: 1200, windowMs: 60_000 });
  });
});

async function callApi(key: string) {
  const { GET } = await import('@/app/api/v1/users/route');
  return GET(new Request('http://baton.test/api/v1/users', { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({}) } as never);
}

describe('limited endpoints answer 429 with Retry-After', () => {
  it('public API: per API key', async () => {
    process.env.RATE_LIMIT_API = '3/60';
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await callApi(keyA)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await callApi(keyA);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(20);
    expect((await limited.json()).error.code).toBe('rate_limited');
    // Another key of the same workspace has its own budget.
    expect((await callApi(keyB)).status).toBe(200);
    // Off means off.
    process.env.RATE_LIMITS = 'off';
    expect((await callApi(keyA)).status).toBe(200);
  });

  it('signed inbound messages: per client IP, before the signature is even checked', async () => {
    process.env.RATE_LIMIT_INBOUND = '2/60';
    const { POST } = await import('@/app/api/v1/channels/[id]/messages/route');
    const ip = `203.0.113.${Math.floor(Math.random() * 250)}`;
    const send = (from: string) => {
      const raw = JSON.stringify({ contact: { externalId: randomUUID(), name: 'Dana' }, text: 'hi', externalId: randomUUID() });
      const ts = String(Math.floor(Date.now() / 1000));
      return POST(
        new Request(`http://baton.test/api/v1/channels/${ws.channelId}/messages`, {
          method: 'POST',
          body: raw,
          headers: { 'content-type': 'application/json', [CLIENT_IP_HEADER]: from, 'x-baton-timestamp': ts, 'x-baton-signature': signPayload(ws.channelSecret, ts, raw) },
        }),
        { params: Promise.resolve({ id: ws.channelId }) },
      );
    };
    const statuses = [(await send(ip)).status, (await send(ip)).status];
    const third = await send(ip);
    expect(statuses).toEqual([201, 201]);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await send('198.51.100.9')).status).toBe(201);
  });

  it('only a hash of the subject (which may be an email) is stored in Redis', async () => {
    const keys = await redis.keys('*ratelimit*');
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(k).not.toMatch(/@|\d+\.\d+\.\d+\.\d+/);
  });
});
