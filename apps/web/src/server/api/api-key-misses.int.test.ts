// Requests with an unknown API key are limited per client IP (security review #8): each one
// would otherwise be a Postgres lookup. Once an address has used its misses, an uncached key
// is refused with 429 before any lookup, while a key already in the cache keeps working.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, tenant } from '@baton/db';
import { createTestWorkspace, testDatabase } from '@baton/db/testing';

const handle = testDatabase(2);
let key = '';
let secondKey = '';

beforeAll(async () => {
  delete process.env.RATE_LIMITS;
  const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Owner', role: 'owner' }] });
  key = (await createApiKey(tenant(handle.db, ws.workspaceId), { name: 'good', createdBy: null })).plaintext;
  secondKey = (await createApiKey(tenant(handle.db, ws.workspaceId), { name: 'good, unused', createdBy: null })).plaintext;
});
afterAll(() => handle.close());

async function callApi(bearer: string) {
  const { GET } = await import('@/app/api/v1/users/route');
  return GET(new Request('http://baton.test/api/v1/users', { headers: { authorization: `Bearer ${bearer}`, 'x-forwarded-for': '198.51.100.77' } }), { params: Promise.resolve({}) } as never);
}

describe('failed API-key lookups', () => {
  it('are limited per client IP: 429 with Retry-After once the misses are used up', async () => {
    // A window of its own, so the bucket is this test's whatever address the requests map to.
    process.env.RATE_LIMIT_API_KEY_MISS = `3/${61 + Math.floor(Math.random() * 1000)}`;
    expect((await callApi(key)).status).toBe(200); // cached from here on
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await callApi(`bk_live_${randomBytes(24).toString('base64url')}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await callApi(`bk_live_${randomBytes(24).toString('base64url')}`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await limited.json()) as { error: { message: string } }).error.message).toMatch(/unknown API key/);
    // The same wrong key again is a cached miss: still counted, still refused.
    // A key the process already trusts is not held back by the address's misses.
    expect((await callApi(key)).status).toBe(200);
    // An uncached key from this address waits like the misses: no lookup until the budget refills.
    expect((await callApi(secondKey)).status).toBe(429);
  });
});
