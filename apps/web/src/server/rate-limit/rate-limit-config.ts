import type { Limit } from './token-bucket';

export type LimitName = 'api' | 'apiKeyMiss' | 'inbound' | 'signInAccount' | 'signInIp' | 'signUp' | 'inviteAccept';

/**
 * Generous defaults: they stop floods and password guessing, not real integrations, the
 * e2e suite or the benchmark. Each is "<requests>/<seconds>" in the environment;
 * RATE_LIMITS=off turns them all off (the benchmark instead raises RATE_LIMIT_API so the limiter still runs).
 */
const DEFAULTS: Record<LimitName, { env: string; value: string }> = {
  // per API key
  api: { env: 'RATE_LIMIT_API', value: '1200/60' },
  // per client IP: requests with an API key that does not exist (each costs a Postgres lookup)
  apiKeyMiss: { env: 'RATE_LIMIT_API_KEY_MISS', value: '60/60' },
  // per client IP, signed inbound messages (no API key to count against)
  inbound: { env: 'RATE_LIMIT_INBOUND', value: '1200/60' },
  // per email, whatever the IP: guessing one account's password from many addresses
  signInAccount: { env: 'RATE_LIMIT_SIGNIN', value: '20/300' },
  // per client IP: spraying one password over many emails
  signInIp: { env: 'RATE_LIMIT_SIGNIN_IP', value: '200/300' },
  // per client IP: each sign-up costs a bcrypt hash and creates a user and a workspace
  signUp: { env: 'RATE_LIMIT_SIGNUP', value: '20/600' },
  // per client IP: accepting an invitation with a new account costs a bcrypt hash
  inviteAccept: { env: 'RATE_LIMIT_INVITE', value: '30/600' },
};

export function rateLimitsEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return !/^(off|false|0|no)$/i.test(env.RATE_LIMITS ?? '');
}

/** Read on every call (a string split): tests and operators can change it without a restart. */
export function readLimit(name: LimitName, env: Record<string, string | undefined> = process.env): Limit | null {
  if (!rateLimitsEnabled(env)) return null;
  const { env: key, value } = DEFAULTS[name];
  const raw = env[key] ?? value;
  if (/^(off|0)$/i.test(raw)) return null;
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw) ?? /^(\d+)\/(\d+)$/.exec(value)!;
  return { limit: Math.max(1, Number(match[1])), windowMs: Math.max(1, Number(match[2])) * 1000 };
}
