import 'server-only';
import { createHash } from 'node:crypto';
import { SIGNATURE_TOLERANCE_MS } from '@baton/db';
import { connected, limiterKeyPrefix, redis } from './rate-limit';

export type SignatureClaim = { replayed: true } | { replayed: false; release: () => Promise<void> };

const NOTHING_TO_RELEASE = async () => {};

/**
 * A signed request without an `externalId` has nothing in Postgres to deduplicate on, so a
 * captured request could be replayed inside the ±5 minute window. Remember each signature
 * for longer than that window: the second sighting is a replay. (With an `externalId` the
 * database already makes a retry idempotent, and a retry should get 200, not 409.)
 * Called only after the signature verified, with a channel id that is a real channel's UUID:
 * anonymous traffic writes no key, and every key is the same small size and expires.
 * `release` forgets the claim when storing the message failed, so the sender's retry of the
 * same request is not taken for a replay.
 * Fails open like the rate limits: without Redis the timestamp window still bounds replays.
 */
export async function claimSignature(channelId: string, signature: string): Promise<SignatureClaim> {
  const client = redis();
  if (!client) return { replayed: false, release: NOTHING_TO_RELEASE };
  const key = `${limiterKeyPrefix()}:replay:${channelId}:${createHash('sha256').update(signature).digest('base64url')}`;
  try {
    await connected(client);
    const set = await client.set(key, '1', 'PX', SIGNATURE_TOLERANCE_MS * 2 + 60_000, 'NX');
    if (set === null) return { replayed: true };
    return {
      replayed: false,
      release: async () => {
        await client.del(key).catch(() => {});
      },
    };
  } catch {
    return { replayed: false, release: NOTHING_TO_RELEASE };
  }
}
