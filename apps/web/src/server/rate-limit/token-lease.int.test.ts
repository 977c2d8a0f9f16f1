// Token leases against the run's real Redis: two web processes (two lease registries, each
// with its own connection) hammering one key get no more than the shared bucket allows, and
// the API limit goes through the lease with far fewer round trips than requests.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { RedisClient } from '@baton/queue';
import { leaseTokens, type Limit } from './token-bucket';
import { LEASE_MS, TokenLeases } from './token-lease';
import { rateLimit } from './rate-limit';

const redis = new Redis(process.env.REDIS_URL!);
const savedApiLimit = process.env.RATE_LIMIT_API;
afterEach(() => {
  if (savedApiLimit === undefined) delete process.env.RATE_LIMIT_API;
  else process.env.RATE_LIMIT_API = savedApiLimit;
});
afterAll(() => redis.disconnect());

/** One web process: its own connection and leases; counts what Redis granted it and what it spent. */
function webProcess() {
  const client = new Redis(process.env.REDIS_URL!);
  const leases = new TokenLeases();
  const p = { client, leases, granted: 0, grantCalls: 0, allowed: 0, refused: 0 };
  const fetch = (key: string, limit: Limit) => async (want: number) => {
    const grant = await leaseTokens(client as unknown as RedisClient, key, limit, want);
    p.granted += grant.granted;
    if (grant.granted > 0) p.grantCalls += 1;
    return grant;
  };
  return { p, fetch };
}

/** `workers` concurrent request loops per process for `ms`, yielding to I/O between requests like a server. */
async function hammer(key: string, limit: Limit, ms: number, workers = 16) {
  const processes = [webProcess(), webProcess()];
  const started = performance.now();
  await Promise.all(
    processes.flatMap(({ p, fetch }) =>
      Array.from({ length: workers }, async () => {
        while (performance.now() - started < ms) {
          const r = await p.leases.take(key, limit.limit, fetch(key, limit));
          if (r.allowed) p.allowed += 1;
          else p.refused += 1;
          await new Promise((res) => setImmediate(res));
        }
      }),
    ),
  );
  const elapsedMs = performance.now() - started;
  for (const { p } of processes) p.client.disconnect();
  return { elapsedMs, processes: processes.map(({ p }) => p) };
}

describe('two processes leasing one key', () => {
  // Refill negligible: the limit itself is the bound, and nearly every token went out in leases
  // of k = 20. Refilling 250/s: the bucket's rate over the run is the bound; once it ran dry,
  // each grant is the trickle refilled since the previous call, so round trips are not fewer.
  for (const { limit, fewerCallsBy } of [
    { limit: { limit: 1000, windowMs: 60_000 }, fewerCallsBy: 4 },
    { limit: { limit: 500, windowMs: 2_000 }, fewerCallsBy: 1 },
  ]) {
    it(`never spend more than the shared bucket granted (${limit.limit}/${limit.windowMs / 1000} s)`, async () => {
      const key = `test:lease:${randomUUID()}`;
      const { elapsedMs, processes } = await hammer(key, limit, 1200);
      const allowed = processes.reduce((n, p) => n + p.allowed, 0);
      const granted = processes.reduce((n, p) => n + p.granted, 0);
      const refill = (limit.limit / limit.windowMs) * elapsedMs;
      // Each process spends only what Redis granted it...
      for (const p of processes) expect(p.allowed).toBeLessThanOrEqual(p.granted);
      // ...and Redis granted no more than the bucket: a full bucket plus its refill during the run.
      expect(granted).toBeLessThanOrEqual(limit.limit + Math.ceil(refill));
      expect(allowed).toBeLessThanOrEqual(limit.limit + Math.ceil(refill));
      // Both were refused once the bucket ran dry, and little was lost to expired leases.
      for (const p of processes) expect(p.refused).toBeGreaterThan(0);
      expect(allowed).toBeGreaterThanOrEqual(limit.limit);
      // The point of it: far fewer round trips that took tokens than requests they served.
      const grantCalls = processes.reduce((n, p) => n + p.grantCalls, 0);
      console.log(`[lease ${limit.limit}/${limit.windowMs}ms] ${elapsedMs.toFixed(0)} ms: allowed ${allowed}, granted ${granted}, grant calls ${grantCalls}, refused ${processes.map((p) => p.refused)}`);
      expect(grantCalls).toBeLessThanOrEqual(allowed / fewerCallsBy);
    });
  }

  it('a lease left unspent is not handed back: the bucket stays debited (conservative)', async () => {
    const key = `test:lease:${randomUUID()}`;
    const limit = { limit: 1000, windowMs: 600_000 };
    const { p, fetch } = webProcess();
    for (let i = 0; i < 60; i++) await p.leases.take(key, limit.limit, fetch(key, limit));
    expect(p.granted).toBeGreaterThan(60); // the last lease still holds tokens
    await new Promise((r) => setTimeout(r, LEASE_MS + 50));
    await p.leases.take(key, limit.limit, fetch(key, limit)); // a fresh lease: the old leftovers are gone
    expect(p.allowed + 61).toBeLessThanOrEqual(p.granted);
    expect(Number(await redis.hget(key, 'tokens'))).toBeLessThanOrEqual(limit.limit - p.granted + 1);
    p.client.disconnect();
  });
});

describe("rateLimit('api') through the lease", () => {
  it('200 concurrent requests on one key: all allowed, a handful of round trips, the bucket debited at least 200', async () => {
    const limitValue = 5000 + Math.floor(Math.random() * 1000); // a bucket key of this test's own
    process.env.RATE_LIMIT_API = `${limitValue}/60`;
    const subject = randomUUID();
    expect((await rateLimit('api', subject))?.allowed).toBe(true); // defines the script on the limiter's connection
    const client = (globalThis as unknown as { batonRateLimitRedis: Record<string, (...a: unknown[]) => Promise<unknown>> }).batonRateLimitRedis;
    const original = client.batonTakeToken!;
    const wants: unknown[] = [];
    client.batonTakeToken = (...args: unknown[]) => (wants.push(args[3]), original.apply(client, args));
    try {
      const decisions = await Promise.all(Array.from({ length: 200 }, () => rateLimit('api', subject)));
      expect(decisions.every((d) => d?.allowed && d.limit === limitValue)).toBe(true);
      expect(wants.length).toBeLessThanOrEqual(10);
      expect(Math.max(...(wants as number[]))).toBeLessThanOrEqual(Math.floor(limitValue / 50));
    } finally {
      client.batonTakeToken = original;
    }
    const [key] = await redis.keys(`*:ratelimit:api:${limitValue}:60000:*`);
    const refill = (limitValue / 60_000) * 5_000; // generous: the test takes well under 5 s
    expect(Number(await redis.hget(key!, 'tokens'))).toBeLessThanOrEqual(limitValue - 201 + refill);
  });
});
