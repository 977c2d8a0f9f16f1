import 'server-only';
import { createHash } from 'node:crypto';
import { createRedis, type RedisClient } from '@baton/queue';
import { readLimit, type LimitName } from './rate-limit-config';
import { leaseTokens, takeToken, type TakeResult } from './token-bucket';
import { TokenLeases } from './token-lease';

const globalForLimits = globalThis as unknown as { batonRateLimitRedis?: RedisClient | null; batonTokenLeases?: TokenLeases };

// Limits whose spends go through this process's token lease (token-lease.ts): the per-key API
// limit, on the ingestion path where one Redis round trip per request was a measurable share
// of the web's CPU. The others stay one script call per request, as before: the sign-in,
// sign-up, invitation and key-miss limits are small (k would be 1 anyway), signed inbound
// webhooks per IP have not been measured as a cost, and `consume: false` checks never lease.
const LEASED: ReadonlySet<LimitName> = new Set(['api']);

// One per process, on globalThis like the Redis client: server.ts's fast path and Next's
// bundled copy of this module then share the leases of a key instead of each holding one.
function tokenLeases(): TokenLeases {
  return (globalForLimits.batonTokenLeases ??= new TokenLeases());
}

// Its own connection, failing fast: BullMQ's connections retry forever by design, which
// would hang every request while Redis is down. Here a Redis outage lets requests through
// (fail open): the limits protect capacity, and Postgres still holds every invariant.
// RATE_LIMIT_REDIS_URL puts rate-limit buckets and replay keys on another Redis (or db
// number) than the queues and timers: anonymous traffic writes these keys, and it must never
// be able to fill the Redis BullMQ needs (run that one with noeviction, this one with
// maxmemory + volatile-lru: every key here has a TTL).
// In a Redis Cluster (REDIS_CLUSTER_NODES, or RATE_LIMIT_REDIS_CLUSTER_NODES for a cluster of
// their own) every key here is one bucket or one signature, each its own slot: they spread
// over the masters.
export function redis(): RedisClient | null {
  if (globalForLimits.batonRateLimitRedis === undefined) {
    const own = process.env.RATE_LIMIT_REDIS_URL;
    const cluster = own ? process.env.RATE_LIMIT_REDIS_CLUSTER_NODES : process.env.RATE_LIMIT_REDIS_CLUSTER_NODES || process.env.REDIS_CLUSTER_NODES;
    const url = own || process.env.REDIS_URL;
    globalForLimits.batonRateLimitRedis =
      url || cluster
        ? createRedis(url, 'baton-web-ratelimit', cluster || '', { maxRetriesPerRequest: 0, enableOfflineQueue: false, commandTimeout: 250 })
        : null;
  }
  return globalForLimits.batonRateLimitRedis;
}

// The first requests of a process must not slip through just because the socket is still
// opening; but only that first connection is waited for (once, ≤500 ms): during a Redis
// outage requests go straight through (fail open) instead of each paying a timeout.
let waited = false;
export async function connected(client: RedisClient): Promise<void> {
  if (client.status === 'ready' || waited) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      waited = true;
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, 500);
    client.once('ready', done);
  });
}

export type RateLimitDecision = (TakeResult & { limit: number }) | null;

/**
 * Where limiter keys live: under the deployment's prefix (several deployments can share a
 * Redis), apart from the queues' keys. Every key below it is fixed-size (hashed subjects,
 * UUIDs) and expires, so the key space is bounded by traffic × TTL, not by what a client sends.
 */
export function limiterKeyPrefix(): string {
  return `${process.env.BATON_QUEUE_PREFIX || 'baton'}:limits`;
}

/** Spends one request of `name` for `subject` (or with `consume: false` checks one is left); null when limits are off or Redis is unreachable. */
export async function rateLimit(name: LimitName, subject: string, opts: { consume?: boolean } = {}): Promise<RateLimitDecision> {
  const limit = readLimit(name);
  const client = redis();
  if (!limit || !client) return null;
  // Subjects can hold emails: only a hash of them is written to Redis.
  const hashed = createHash('sha256').update(subject).digest('base64url').slice(0, 32);
  const key = `${limiterKeyPrefix()}:ratelimit:${name}:${limit.limit}:${limit.windowMs}:${hashed}`;
  try {
    await connected(client);
    const taken =
      LEASED.has(name) && opts.consume !== false
        ? await tokenLeases().take(key, limit.limit, (want) => leaseTokens(client, key, limit, want))
        : await takeToken(client, key, limit, opts);
    return { ...taken, limit: limit.limit };
  } catch (error) {
    console.warn('[rate-limit] Redis unavailable, letting the request through:', (error as Error).message);
    return null;
  }
}

/** 429 with Retry-After (whole seconds, at least 1) in the API's JSON error shape. */
export function tooManyRequestsReply(decision: NonNullable<RateLimitDecision>, message = 'Too many requests; retry after the time in Retry-After', extra: Record<string, unknown> = {}) {
  const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  return {
    status: 429,
    body: { error: { code: 'rate_limited', message }, ...extra },
    headers: { 'Retry-After': String(seconds), 'RateLimit-Limit': String(decision.limit), 'RateLimit-Remaining': '0' },
  };
}

export function tooManyRequests(decision: NonNullable<RateLimitDecision>, message?: string, extra: Record<string, unknown> = {}) {
  const reply = tooManyRequestsReply(decision, message, extra);
  return Response.json(reply.body, { status: reply.status, headers: reply.headers });
}

/** For a route: a 429 response when over the limit, else null. */
export async function limitOrNull(name: LimitName, subject: string, message?: string): Promise<Response | null> {
  const decision = await rateLimit(name, subject);
  return decision && !decision.allowed ? tooManyRequests(decision, message) : null;
}
