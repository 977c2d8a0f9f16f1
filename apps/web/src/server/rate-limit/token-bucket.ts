import type { RedisClient } from '@baton/queue';

/**
 * A token bucket per key, decided in one Lua script so concurrent web processes never
 * both spend the last token (a GET-then-SET in two round trips would let them). The
 * script reads Redis's own clock (TIME), so web processes with skewed clocks agree.
 * The bucket holds `limit` tokens and refills `limit` per `windowMs`: a steady client gets
 * `limit` per window and a burst of up to `limit` at once.
 * ARGV[3] is how many tokens the caller wants: 0 only asks whether one is left, 1 is one
 * request, more is a process's lease (token-lease.ts). Whatever is asked, the call is allowed
 * when a whole token is left, and grants at most the whole tokens in the bucket: a lease never
 * drives the bucket negative, so what processes hold locally was always in the shared bucket.
 */
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local cap = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local rate = cap / window
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then
  tokens = cap
  ts = now
end
if now > ts then tokens = math.min(cap, tokens + (now - ts) * rate) end
local allowed = 0
local retry = 0
local granted = 0
if tokens >= 1 then
  granted = math.min(tonumber(ARGV[3]), math.floor(tokens))
  tokens = tokens - granted
  allowed = 1
else
  retry = math.ceil((1 - tokens) / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(math.max(now, ts)))
redis.call('PEXPIRE', KEYS[1], window + 1000)
return { allowed, math.floor(tokens), retry, granted }
`;

export type Limit = { limit: number; windowMs: number };
export type TakeResult = { allowed: boolean; remaining: number; retryAfterMs: number };
/** `granted` tokens (0 when refused) taken from the bucket; `remaining` is what the bucket kept. */
export type LeaseGrant = { granted: number; remaining: number; retryAfterMs: number };

type WithScript = RedisClient & { batonTakeToken?: (key: string, limit: number, windowMs: number, cost: number) => Promise<[number, number, number, number]> };

async function runScript(redis: RedisClient, key: string, { limit, windowMs }: Limit, want: number) {
  const r = redis as WithScript;
  if (!r.batonTakeToken) r.defineCommand('batonTakeToken', { numberOfKeys: 1, lua: SCRIPT });
  const [allowed, remaining, retry, granted] = await r.batonTakeToken!(key, limit, windowMs, want);
  return { allowed: allowed === 1, remaining, retryAfterMs: retry, granted };
}

/** Spends one token; with `consume: false` only asks whether one is left (a failure budget checked before the work it guards). */
export async function takeToken(redis: RedisClient, key: string, limit: Limit, { consume = true }: { consume?: boolean } = {}): Promise<TakeResult> {
  const { allowed, remaining, retryAfterMs } = await runScript(redis, key, limit, consume ? 1 : 0);
  return { allowed, remaining, retryAfterMs };
}

/** Takes up to `want` (≥ 1) tokens in one call: as many whole tokens as the bucket has, none when it has less than one. */
export async function leaseTokens(redis: RedisClient, key: string, limit: Limit, want: number): Promise<LeaseGrant> {
  const { remaining, retryAfterMs, granted } = await runScript(redis, key, limit, Math.max(1, Math.floor(want)));
  return { granted, remaining, retryAfterMs };
}
