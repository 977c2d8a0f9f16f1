import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('worker configuration', () => {
  it('takes a single Redis or a Redis Cluster, and names REDIS_URL when it has neither', () => {
    expect(
      readConfig({ DATABASE_URL: 'postgres://x', REDIS_URL: 'redis://r:6379' }).REDIS_URL,
    ).toBe('redis://r:6379');
    expect(
      readConfig({ DATABASE_URL: 'postgres://x', REDIS_CLUSTER_NODES: 'a:7000,b:7001' })
        .REDIS_CLUSTER_NODES,
    ).toBe('a:7000,b:7001');
    expect(() => readConfig({ DATABASE_URL: 'postgres://x' })).toThrow(
      /REDIS_URL: REDIS_URL \(or REDIS_CLUSTER_NODES\) is required/,
    );
    expect(() => readConfig({ DATABASE_URL: 'postgres://x', REDIS_CLUSTER_NODES: ' ' })).toThrow(
      /REDIS_URL/,
    );
  });

  it('defaults the lease check and the stall guard', () => {
    const c = readConfig({ DATABASE_URL: 'postgres://x', REDIS_URL: 'redis://r' });
    expect({ leader: c.LEADER_CHECK_MS, stall: c.WORKER_STALL_MS }).toEqual({
      leader: 1000,
      stall: 30_000,
    });
  });

  it('consumes every queue by default; WORKER_QUEUES picks some and names what it does not know', () => {
    const base = { DATABASE_URL: 'postgres://x', REDIS_URL: 'redis://r' };
    expect([...readConfig(base).WORKER_QUEUES]).toEqual(['events', 'waits', 'sla', 'deliveries']);
    expect([...readConfig({ ...base, WORKER_QUEUES: ' waits, sla ,waits' }).WORKER_QUEUES]).toEqual(
      ['waits', 'sla'],
    );
    expect(() => readConfig({ ...base, WORKER_QUEUES: 'waits,timers' })).toThrow(
      /WORKER_QUEUES: unknown queue "timers"/,
    );
    expect(() => readConfig({ ...base, WORKER_QUEUES: ' , ' })).toThrow(
      /WORKER_QUEUES: no queue named/,
    );
  });
});
