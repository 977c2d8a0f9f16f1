export * from './job-payloads';
export { createRedis, isCluster, parseClusterNodes, queuePrefix, type RedisClient } from './redis-connection';
export { QueueClient, REPAIR_CONCURRENCY, WAIT_LEAD_MS, CAPPED_BACKOFF, cappedBackoff, type ScheduledWaitLike, type ScheduledSlaTimerLike } from './queue-client';
export * from './realtime';
export { shardOf, eventShardCount, eventQueueName, DEFAULT_EVENT_SHARDS } from './workspace-shard';
export { handOff, handOffInBackground, type AfterCommitWork, type CommittedRunLike, type HandOffTargets, type RunsCommittedListener } from './hand-off';
export { eachConcurrently } from './each-concurrently';
