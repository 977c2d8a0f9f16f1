import { Redis } from 'ioredis';

/** BullMQ needs maxRetriesPerRequest: null so blocking commands survive reconnects. */
export function createRedis(url: string, name = 'baton'): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, connectionName: name, lazyConnect: false });
  // Reconnects are automatic; an unhandled 'error' event would crash the process instead.
  redis.on('error', () => {});
  return redis;
}
