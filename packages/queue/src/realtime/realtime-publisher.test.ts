import { describe, expect, it } from 'vitest';
import type { RedisClient } from '../redis-connection';
import { RealtimePublisher } from './realtime-publisher';
import { realtimeChannel } from './realtime-events';

/** Records what each pipeline would send; real Redis delivery is covered by hand-off.int.test.ts. */
function recordingRedis() {
  const pipelines: Array<Array<[string, string]>> = [];
  const redis = {
    pipeline() {
      const sent: Array<[string, string]> = [];
      pipelines.push(sent);
      const p = { publish: (channel: string, text: string) => (sent.push([channel, text]), p), exec: async () => [] };
      return p;
    },
  };
  return { redis: redis as unknown as RedisClient, pipelines };
}

describe('RealtimePublisher.publishAll', () => {
  it('sends every workspace of a batch in one pipeline, each notice on its workspace channel', async () => {
    const { redis, pipelines } = recordingRedis();
    const publisher = new RealtimePublisher(redis, 'p');
    const changed = (conversationId: string) => ({ type: 'conversation.changed' as const, conversationId, change: 'message' as const });
    await publisher.publishAll([
      { workspaceId: 'w1', events: [changed('c1'), changed('c2')] },
      { workspaceId: 'w2', events: [] },
      { workspaceId: 'w3', events: [changed('c3')] },
    ]);
    expect(pipelines).toHaveLength(1);
    expect(pipelines[0]!.map(([channel, text]) => [channel, JSON.parse(text).conversationId])).toEqual([
      [realtimeChannel('p', 'w1'), 'c1'],
      [realtimeChannel('p', 'w1'), 'c2'],
      [realtimeChannel('p', 'w3'), 'c3'],
    ]);
  });

  it('sends nothing when no workspace has a notice', async () => {
    const { redis, pipelines } = recordingRedis();
    await new RealtimePublisher(redis, 'p').publishAll([{ workspaceId: 'w1', events: [] }]);
    expect(pipelines).toHaveLength(0);
  });
});
