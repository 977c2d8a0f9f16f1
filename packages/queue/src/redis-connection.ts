import { Cluster, Redis, type ClusterNode, type RedisOptions } from 'ioredis';

/** A single Redis or a Redis Cluster: BullMQ, the rate limits and pub/sub take either. */
export type RedisClient = Redis | Cluster;

/**
 * `REDIS_CLUSTER_NODES=host:port,host:port,…` (or `redis://[user:pass@]host:port` entries):
 * seed nodes of a Redis Cluster; the client discovers the rest. Unset or empty: no cluster.
 */
export function parseClusterNodes(value: string | undefined): ClusterNode[] | null {
  const entries = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  return entries.map((entry) => {
    const bad = () => new Error(`REDIS_CLUSTER_NODES: "${entry}" is not host:port`);
    let url: URL;
    try {
      url = new URL(entry.includes('://') ? entry : `redis://${entry}`);
    } catch {
      throw bad();
    }
    const port = Number(url.port || 6379);
    if (!url.hostname || !Number.isInteger(port) || port <= 0 || port > 65535) throw bad();
    return { host: url.hostname, port };
  });
}

/** Credentials of the first `redis://user:pass@…` seed, applied to every node of the cluster. */
function clusterCredentials(
  value: string | undefined,
): Pick<RedisOptions, 'username' | 'password'> {
  const first = (value ?? '').split(',').find((s) => s.includes('@'));
  if (!first) return {};
  const url = new URL(first.trim());
  return {
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
  };
}

export function isCluster(client: RedisClient): client is Cluster {
  return (client as Cluster).isCluster === true;
}

/**
 * BullMQ needs maxRetriesPerRequest: null so blocking commands survive reconnects.
 * With `clusterNodes` (default: REDIS_CLUSTER_NODES) the client is an ioredis Cluster and `url`
 * is not used; the queues then put their keys under hash tags (see queuePrefix).
 */
export function createRedis(
  url: string | undefined,
  name = 'baton',
  clusterNodes: string | undefined = process.env.REDIS_CLUSTER_NODES,
  extra: RedisOptions = {},
): RedisClient {
  const options: RedisOptions = {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    connectionName: name,
    lazyConnect: false,
    ...extra,
  };
  const nodes = parseClusterNodes(clusterNodes);
  const redis: RedisClient = nodes
    ? new Cluster(nodes, {
        redisOptions: { ...options, ...clusterCredentials(clusterNodes) },
        enableReadyCheck: true,
        lazyConnect: false,
        ...(extra.enableOfflineQueue === false ? { enableOfflineQueue: false } : {}),
        // A master restarting (no replica to fail over to) comes back on its own address:
        // keep retrying it and the slot map instead of giving up after the default attempts.
        clusterRetryStrategy: (times) => Math.min(100 * times, 2000),
        slotsRefreshTimeout: 2000,
      })
    : (() => {
        if (!url) throw new Error('REDIS_URL (or REDIS_CLUSTER_NODES) is not set');
        return new Redis(url, options);
      })();
  // Reconnects are automatic; an unhandled 'error' event would crash the process instead.
  redis.on('error', () => {});
  return redis;
}

/**
 * The BullMQ key prefix of one queue. Every key of a queue must hash to one slot in a cluster
 * (its Lua scripts touch several), so there the prefix carries a hash tag naming the queue:
 * `{baton:events-0}:events-0:…`. Each queue (each event shard, the waits and the SLA timers)
 * then has a slot of its own and can live on its own master. A single Redis keeps the plain
 * `baton:events-0:…` keys it always had (no migration of running deployments).
 */
export function queuePrefix(prefix: string, queueName: string, cluster: boolean): string {
  return cluster ? `{${prefix}:${queueName}}` : prefix;
}
