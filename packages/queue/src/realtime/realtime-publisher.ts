import type { RedisClient } from '../redis-connection';
import { realtimeChannel, type RealtimeEvent } from './realtime-events';

const PUBLISH_TIMEOUT_MS = 1000;

/**
 * Publishes after commit. Best-effort on purpose: a lost notification costs a stale
 * screen until the next event or reconnect, never data, so it must not fail the request.
 */
export class RealtimePublisher {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix = 'baton',
  ) {}

  publish(workspaceId: string, events: readonly RealtimeEvent[]): Promise<void> {
    return this.publishAll([{ workspaceId, events }]);
  }

  /**
   * Several workspaces' notices in one pipeline: one write and one reply for a batch that
   * spans many workspaces (a group commit's), where a pipeline each cost a round trip each.
   */
  async publishAll(batches: ReadonlyArray<{ workspaceId: string; events: readonly RealtimeEvent[] }>): Promise<void> {
    if (batches.every((b) => b.events.length === 0)) return;
    try {
      const pipeline = this.redis.pipeline();
      for (const { workspaceId, events } of batches) {
        const channel = realtimeChannel(this.prefix, workspaceId);
        for (const event of events) pipeline.publish(channel, JSON.stringify(event));
      }
      // The shared connection retries forever while Redis is down; don't hold a request on it.
      await Promise.race([pipeline.exec(), new Promise((resolve) => setTimeout(resolve, PUBLISH_TIMEOUT_MS).unref())]);
    } catch {
      // See above: realtime is a hint.
    }
  }

  conversationChanged(workspaceId: string, conversationIds: readonly string[], change: Extract<RealtimeEvent, { type: 'conversation.changed' }>['change']) {
    return this.publish(
      workspaceId,
      [...new Set(conversationIds)].map((conversationId) => ({ type: 'conversation.changed' as const, conversationId, change })),
    );
  }
}
