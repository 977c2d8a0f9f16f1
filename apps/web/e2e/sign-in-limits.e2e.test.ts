// The sign-in limit on the production server (server.ts + the built Next app): a percent-
// encoded provider path still pays, and the per-IP bucket is keyed on the socket address
// server.ts stamps, not on a forged X-Forwarded-For (read back from Redis: bucket keys are
// hashes of their subject).
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { baseUrl } from './browser';

const redis = new Redis(process.env.REDIS_URL!);
afterAll(() => redis.disconnect());

async function attempt(path: string, email: string, headers: Record<string, string> = {}) {
  const csrf = await fetch(`${baseUrl()}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return fetch(`${baseUrl()}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers },
    body: new URLSearchParams({ email, password: 'wrong-guess', csrfToken, json: 'true', callbackUrl: `${baseUrl()}/inbox` }).toString(),
    redirect: 'manual',
  });
}

const hashed = (subject: string) => createHash('sha256').update(subject).digest('base64url').slice(0, 32);

describe('sign-in limit on the running server', () => {
  it('callback/credential%73 is limited per account like any spelling (20 per 5 min by default)', async () => {
    const email = `victim-${randomUUID().slice(0, 8)}@example.test`;
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await attempt('/api/auth/callback/credential%73', email, { 'x-forwarded-for': `203.0.113.${i}` })).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    const last = await attempt('/api/auth/callback/credential%73', email);
    expect(statuses[20]).toBe(429);
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('the per-IP bucket is the socket address, whatever X-Forwarded-For or x-baton-client-ip say', async () => {
    const forged = `198.51.100.${Math.floor(Math.random() * 250)}`;
    await attempt('/api/auth/callback/credentials', `spray-${randomUUID().slice(0, 8)}@example.test`, { 'x-forwarded-for': forged, 'x-baton-client-ip': forged });
    // Only this server's keys: the int suite (same Redis, in-process routes without server.ts)
    // legitimately leaves `unknown` buckets under its own prefixes.
    const keys = await redis.keys(`${process.env.BATON_E2E_QUEUE_PREFIX}:*ratelimit:signInIp:*`);
    expect(keys.some((k) => k.endsWith(`:${hashed('127.0.0.1')}`))).toBe(true);
    expect(keys.some((k) => k.endsWith(`:${hashed(forged)}`))).toBe(false);
    expect(keys.some((k) => k.endsWith(`:${hashed('unknown')}`))).toBe(false);
  });
});
