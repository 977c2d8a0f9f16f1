import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventShardCount, shardOf } from './workspace-shard';

describe('workspace shards', () => {
  it('puts one workspace on one shard, always', () => {
    const id = randomUUID();
    expect(new Set(Array.from({ length: 20 }, () => shardOf(id, 4))).size).toBe(1);
  });
  it('spreads workspaces roughly evenly', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[shardOf(randomUUID(), 4)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(800);
  });
  it('reads the shard count from the environment, within bounds', () => {
    expect(eventShardCount({})).toBe(4);
    expect(eventShardCount({ BATON_EVENT_SHARDS: '8' })).toBe(8);
    expect(eventShardCount({ BATON_EVENT_SHARDS: '0' })).toBe(4);
    expect(eventShardCount({ BATON_EVENT_SHARDS: 'x' })).toBe(4);
  });
});
