/**
 * Events are spread over several queues by workspace, each with its own share of the
 * worker's concurrency: one workspace flooding its queue cannot hold the slots that the
 * other shards' workspaces need (BullMQ OSS has no per-group fairness, and one FIFO queue
 * would put every other tenant behind the flood).
 */
export const DEFAULT_EVENT_SHARDS = 4;

export function eventShardCount(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.BATON_EVENT_SHARDS ?? DEFAULT_EVENT_SHARDS);
  return Number.isInteger(n) && n >= 1 && n <= 64 ? n : DEFAULT_EVENT_SHARDS;
}

/** FNV-1a over the workspace id: stable across processes and restarts. */
export function shardOf(workspaceId: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < workspaceId.length; i++) {
    hash ^= workspaceId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shards;
}

export const eventQueueName = (base: string, shard: number) => `${base}-${shard}`;
