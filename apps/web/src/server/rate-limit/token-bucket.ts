import type { RedisClient } from '@baton/queue';

/**
 * A token bucket per key, decided in one Lua script so concurrent web processes never
 * both spend the last token (a GET-then-SET in two round trips would let them). The
 * script reads Redis's own clock (TIME), so web processes with skewed clocks agree.
 * The bucket holds `limit` tokens and refills `limit` per `windowMs`: a steady client gets
 * `limit` per window and a burst of up to `limit` at once.
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
if tokens >= 1 then
  tokens = tokens - tonumber(ARGV[3])
  allowed = 1
else
  retry = math.ceil((1 - tokens) / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(math.max(now, ts)))
redis.call('PEXPIRE', KEYS[1], window + 1000)
return { allowed, math.floor(tokens), retry }
`;

export type Limit = { limit: number; windowMs: number };
export type TakeResult = { allowed: boolean; remaining: number; retryAfterMs: number };

type WithScript = RedisClient & { batonTakeToken?: (key: string, limit: number, windowMs: number, cost: number) => Promise<[number, number, number]> };

/** Spends one token; with `consume: false` only asks whether one is left (a failure budget checked before the work it guards). */
export async function takeToken(redis: RedisClient, key: string, { limit, windowMs }: Limit, { consume = true }: { consume?: boolean } = {}): Promise<TakeResult> {
  const r = redis as WithScript;
  if (!r.batonTakeToken) r.defineCommand('batonTakeToken', { numberOfKeys: 1, lua: SCRIPT });
  const [allowed, remaining, retry] = await r.batonTakeToken!(key, limit, windowMs, consume ? 1 : 0);
  return { allowed: allowed === 1, remaining, retryAfterMs: retry };
}
