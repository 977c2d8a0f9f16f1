import { describe, expect, it } from 'vitest';
import { parseClusterNodes, queuePrefix } from './redis-connection';

describe('parseClusterNodes', () => {
  it('reads host:port and redis:// seeds, and nothing when unset', () => {
    expect(parseClusterNodes(undefined)).toBeNull();
    expect(parseClusterNodes(' ')).toBeNull();
    expect(
      parseClusterNodes('10.0.0.1:7000, redis-2:7001,redis://u:p@redis-3:7002,redis-4'),
    ).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: 'redis-2', port: 7001 },
      { host: 'redis-3', port: 7002 },
      { host: 'redis-4', port: 6379 },
    ]);
  });

  it('names the entry it cannot read', () => {
    expect(() => parseClusterNodes('redis-1:7000,:99999')).toThrow(/:99999/);
  });
});

describe('queuePrefix', () => {
  it('keeps the plain prefix on a single Redis and gives each queue its own hash tag in a cluster', () => {
    expect(queuePrefix('baton', 'events-0', false)).toBe('baton');
    expect(queuePrefix('baton', 'events-0', true)).toBe('{baton:events-0}');
    expect(queuePrefix('baton', 'waits', true)).not.toBe(queuePrefix('baton', 'sla', true));
  });
});
