// The per-process token lease on a fake clock, with the shared bucket played by a fetch whose
// answers the test chooses (the Lua script itself is tested against Redis in
// token-lease.int.test.ts and rate-limits.int.test.ts).
import { describe, expect, it } from 'vitest';
import type { LeaseGrant } from './token-bucket';
import { LEASE_MS, leaseSize, RecentRate, TokenLeases } from './token-lease';

function clock() {
  const c = { t: 1_000, now: () => c.t };
  return c;
}

/** A bucket of `tokens` that grants what it has, recording every `want`. */
function bucket(tokens: number) {
  const b = {
    tokens,
    wants: [] as number[],
    fetch: async (want: number): Promise<LeaseGrant> => {
      b.wants.push(want);
      const granted = b.tokens >= 1 ? Math.min(want, Math.floor(b.tokens)) : 0;
      b.tokens -= granted;
      return { granted, remaining: Math.floor(b.tokens), retryAfterMs: granted ? 0 : 500 };
    },
  };
  return b;
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('lease size', () => {
  it('follows the recent rate, rounded down, capped at limit / 50; k = 1 for a small limit', () => {
    expect(leaseSize(1200, 1)).toBe(1);
    expect(leaseSize(1200, 1.9)).toBe(1);
    expect(leaseSize(1200, 7.5)).toBe(7);
    expect(leaseSize(1200, 500)).toBe(24);
    for (const limit of [1, 3, 60, 99]) expect(leaseSize(limit, 1000)).toBe(1);
    expect(leaseSize(100, 1000)).toBe(2);
  });

  it('the rate counts the last ~100 ms and forgets a quiet key', () => {
    const rate = new RecentRate();
    for (let i = 0; i < 10; i++) rate.hit(1000);
    expect(rate.estimate(1000)).toBe(10);
    expect(rate.estimate(1150)).toBeCloseTo(5); // half of the previous window still overlaps
    expect(rate.estimate(1400)).toBe(0);
  });
});

describe('token lease', () => {
  it('a quiet key: k = 1, one call per request, as without a lease', async () => {
    const c = clock();
    const b = bucket(1200);
    const leases = new TokenLeases(c.now);
    for (let i = 0; i < 5; i++) {
      expect((await leases.take('k', 1200, b.fetch)).allowed).toBe(true);
      c.t += 300;
    }
    expect(b.wants).toEqual([1, 1, 1, 1, 1]);
  });

  it('a busy key: k grows with the rate up to limit / 50 and falls back to 1 once quiet', async () => {
    const c = clock();
    const b = bucket(1_000_000);
    const leases = new TokenLeases(c.now);
    for (let i = 0; i < 200; i++) {
      expect((await leases.take('k', 1200, b.fetch)).allowed).toBe(true);
      if (i % 10 === 9) c.t += 5; // 2,000 requests/s
    }
    expect(b.wants.slice(0, 4)).toEqual([1, 2, 4, 8]);
    expect(Math.max(...b.wants)).toBe(24);
    expect(b.wants.length).toBeLessThan(20); // 200 requests, fewer than 20 round trips
    c.t += 1000;
    await leases.take('k', 1200, b.fetch);
    expect(b.wants.at(-1)).toBe(1);
  });

  it('a small limit never leases, however busy', async () => {
    const c = clock();
    const b = bucket(60);
    const leases = new TokenLeases(c.now);
    for (let i = 0; i < 50; i++) await leases.take('k', 60, b.fetch);
    expect(b.wants).toEqual(Array(50).fill(1));
  });

  it('unspent leased tokens expire after LEASE_MS and are dropped, not spent', async () => {
    const c = clock();
    const leases = new TokenLeases(c.now);
    const fetched: number[] = [];
    const fetch = async (want: number) => (fetched.push(want), { granted: 10, remaining: 100, retryAfterMs: 0 });
    await leases.take('k', 1200, fetch);
    expect(await leases.take('k', 1200, fetch)).toEqual({ allowed: true, remaining: 108, retryAfterMs: 0 });
    c.t += LEASE_MS - 1;
    await leases.take('k', 1200, fetch);
    expect(fetched).toHaveLength(1);
    c.t += 1;
    await leases.take('k', 1200, fetch);
    expect(fetched).toHaveLength(2); // the 7 left were dropped
  });

  it('remaining is what the bucket kept plus what this process still holds', async () => {
    const c = clock();
    const leases = new TokenLeases(c.now);
    const fetch = async () => ({ granted: 3, remaining: 40, retryAfterMs: 0 });
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push((await leases.take('k', 1200, fetch)).remaining);
    expect(seen).toEqual([42, 41, 40, 42]);
  });

  it('single flight: concurrent requests wait for the call in flight and share its tokens', async () => {
    const c = clock();
    const leases = new TokenLeases(c.now);
    const calls: { want: number; answer: ReturnType<typeof deferred<LeaseGrant>> }[] = [];
    const fetch = (want: number) => {
      const answer = deferred<LeaseGrant>();
      calls.push({ want, answer });
      return answer.promise;
    };
    const takes = Array.from({ length: 5 }, () => leases.take('k', 1200, fetch));
    await Promise.resolve();
    expect(calls).toHaveLength(1);
    calls[0]!.answer.resolve({ granted: 2, remaining: 50, retryAfterMs: 0 });
    await new Promise((r) => setImmediate(r));
    // Two were served from the lease; the other three sent one call between them.
    expect(calls).toHaveLength(2);
    expect(calls[1]!.want).toBe(5);
    calls[1]!.answer.resolve({ granted: 5, remaining: 45, retryAfterMs: 0 });
    expect((await Promise.all(takes)).map((r) => r.allowed)).toEqual([true, true, true, true, true]);
    expect(calls).toHaveLength(2);
  });

  it('a refused call refuses everyone waiting on it; a failed call fails each of them, and the next request asks again', async () => {
    const c = clock();
    const leases = new TokenLeases(c.now);
    let answer = deferred<LeaseGrant>();
    let calls = 0;
    const fetch = () => (calls++, answer.promise);
    const refused = Array.from({ length: 3 }, () => leases.take('k', 1200, fetch));
    answer.resolve({ granted: 0, remaining: 0, retryAfterMs: 700 });
    expect(await Promise.all(refused)).toEqual(Array(3).fill({ allowed: false, remaining: 0, retryAfterMs: 700 }));
    expect(calls).toBe(1);

    answer = deferred<LeaseGrant>();
    const failed = Array.from({ length: 3 }, () => leases.take('k', 1200, fetch).catch((e: Error) => e.message));
    answer.reject(new Error('redis down'));
    expect(await Promise.all(failed)).toEqual(['redis down', 'redis down', 'redis down']);
    expect(calls).toBe(2);

    answer = deferred<LeaseGrant>();
    answer.resolve({ granted: 1, remaining: 9, retryAfterMs: 0 });
    expect((await leases.take('k', 1200, fetch)).allowed).toBe(true);
    expect(calls).toBe(3);
  });

  it('keys are separate, and idle ones are forgotten once there are many', async () => {
    const c = clock();
    const leases = new TokenLeases(c.now);
    const b = bucket(1e9);
    for (let i = 0; i < 1500; i++) await leases.take(`key-${i}`, 1200, b.fetch);
    expect(b.wants).toHaveLength(1500);
    c.t += 10 * LEASE_MS;
    await leases.take('fresh', 1200, b.fetch);
    expect(leases.size).toBe(1);
  });
});
