import type { LeaseGrant, TakeResult } from './token-bucket';

/**
 * A per-process lease in front of the shared Redis token bucket (token-bucket.ts), so a busy
 * key costs one Redis round trip per k requests instead of one per request; the same scheme
 * as large rate limiters that hand each server a slice of a global quota.
 *
 * - The shared bucket stays the authority: a process only spends tokens that the Lua script
 *   took out of it for this process, so two processes leasing together never get more than
 *   the bucket had. Tokens are debited when leased, not when spent: over any interval a key
 *   can see at most `refill rate × LEASE_MS` more than direct spending would allow (5
 *   requests at 1,200/min), never more than the bucket's own total.
 * - Leased tokens not spent within LEASE_MS are dropped, not returned: giving them back would
 *   take another round trip, and dropping only ever refuses more than the limit says.
 * - k follows the key's rate in this process (requests in the last RATE_WINDOW_MS, which
 *   LEASE_MS spends comfortably), capped at limit / MAX_SHARE_DIVISOR so that many processes
 *   cannot hold the bucket for long; a quiet key (one request at a time) or a small limit
 *   (under 2 × MAX_SHARE_DIVISOR) gets k = 1, one script call per request as without a lease.
 * - Single flight: requests arriving while this process's call for the key is in flight wait
 *   for it (their arrivals already raised the k that the next call asks for) instead of each
 *   sending its own. When that call is refused, they are refused with it: the bucket had less
 *   than one token a moment ago, and answering 429 without asking again is the conservative
 *   side. When it fails (Redis down), each waiter gets the error, as its own call would.
 */
export const LEASE_MS = 250;
export const RATE_WINDOW_MS = 100;
export const MAX_SHARE_DIVISOR = 50;

/**
 * How many tokens to ask the shared bucket for: the recent rate, capped at a small share of
 * the limit. Rounded down, so a key at up to ~10 requests/s (one or two in a window) stays at
 * k = 1 and only a key that is really busy leases.
 */
export function leaseSize(limit: number, recentRequests: number): number {
  const cap = Math.floor(limit / MAX_SHARE_DIVISOR);
  if (cap <= 1) return 1;
  return Math.min(cap, Math.max(1, Math.floor(recentRequests)));
}

/**
 * Requests seen in the last RATE_WINDOW_MS, as two fixed windows with the older one weighted
 * by how much of it still overlaps: O(1) per key, whatever the rate.
 */
export class RecentRate {
  private start = -Infinity;
  private current = 0;
  private previous = 0;

  hit(now: number): void {
    this.roll(now);
    this.current += 1;
  }

  estimate(now: number): number {
    this.roll(now);
    const overlap = 1 - (now - this.start) / RATE_WINDOW_MS;
    return this.current + this.previous * overlap;
  }

  private roll(now: number): void {
    const elapsed = now - this.start;
    if (elapsed < RATE_WINDOW_MS) return;
    if (elapsed < 2 * RATE_WINDOW_MS) {
      this.previous = this.current;
      this.start += RATE_WINDOW_MS;
    } else {
      this.previous = 0;
      this.start = now;
    }
    this.current = 0;
  }
}

type KeyLease = {
  tokens: number;
  expiresAt: number;
  /** What the shared bucket kept after the last grant: with `tokens`, what is left for the key. */
  bucketRemaining: number;
  inFlight: Promise<LeaseGrant> | null;
  rate: RecentRate;
  lastSeen: number;
};

/** Asks the shared bucket for up to `want` tokens (token-bucket.ts's leaseTokens). */
export type LeaseFetch = (want: number) => Promise<LeaseGrant>;

// Keys idle this long hold nothing (their lease expired, their rate window is over) and are
// forgotten, so the map is bounded by the keys active in the last moment, not by all keys ever.
const FORGET_IDLE_MS = 2 * LEASE_MS;
const SWEEP_ABOVE_KEYS = 1000;

export class TokenLeases {
  private readonly keys = new Map<string, KeyLease>();
  private lastSweep = -Infinity;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** One request of `key`: spent from this process's lease, or from a new one fetched (single flight). */
  async take(key: string, limit: number, fetch: LeaseFetch): Promise<TakeResult> {
    const lease = this.lease(key);
    lease.rate.hit(this.now());
    for (;;) {
      const now = this.now();
      lease.lastSeen = now;
      if (lease.tokens > 0 && now < lease.expiresAt) {
        lease.tokens -= 1;
        return { allowed: true, remaining: lease.bucketRemaining + lease.tokens, retryAfterMs: 0 };
      }
      lease.tokens = 0; // an expired lease's leftovers are dropped (see above)
      // The caller that sends the call awaits it first, so it resumes first and takes the first token.
      const grant = await (lease.inFlight ?? this.fetchLease(lease, leaseSize(limit, lease.rate.estimate(now)), fetch));
      if (grant.granted === 0) return { allowed: false, remaining: grant.remaining, retryAfterMs: grant.retryAfterMs };
    }
  }

  /** Keys currently tracked (for tests of the sweep). */
  get size(): number {
    return this.keys.size;
  }

  private fetchLease(lease: KeyLease, want: number, fetch: LeaseFetch): Promise<LeaseGrant> {
    const call = fetch(want).then(
      (grant) => {
        lease.inFlight = null;
        if (grant.granted > 0) {
          lease.tokens = grant.granted;
          lease.expiresAt = this.now() + LEASE_MS;
          lease.bucketRemaining = grant.remaining;
        }
        return grant;
      },
      (error: unknown) => {
        lease.inFlight = null;
        throw error;
      },
    );
    lease.inFlight = call;
    return call;
  }

  private lease(key: string): KeyLease {
    let lease = this.keys.get(key);
    if (!lease) {
      this.sweep();
      lease = { tokens: 0, expiresAt: 0, bucketRemaining: 0, inFlight: null, rate: new RecentRate(), lastSeen: this.now() };
      this.keys.set(key, lease);
    }
    return lease;
  }

  private sweep(): void {
    const now = this.now();
    if (this.keys.size < SWEEP_ABOVE_KEYS || now - this.lastSweep < FORGET_IDLE_MS) return;
    this.lastSweep = now;
    for (const [key, lease] of this.keys) {
      if (!lease.inFlight && now - lease.lastSeen > FORGET_IDLE_MS) this.keys.delete(key);
    }
  }
}
