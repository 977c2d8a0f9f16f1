import 'server-only';
import { createHash } from 'node:crypto';
import { SIGNATURE_TOLERANCE_MS } from '@baton/db';
import { connected, redis } from './rate-limit';

/**
 * A signed request without an `externalId` has nothing in Postgres to deduplicate on, so a
 * captured request could be replayed inside the ±5 minute window. Remember each signature
 * for longer than that window: the second sighting is a replay. (With an `externalId` the
 * database already makes a retry idempotent, and a retry should get 200, not 409.)
 * Fails open like the rate limits: without Redis the timestamp window still bounds replays.
 */
export async function isReplayedSignature(channelId: string, signature: string): Promise<boolean> {
  const client = redis();
  if (!client) return false;
  await connected(client);
  const key = `baton:replay:${channelId}:${createHash('sha256').update(signature).digest('hex')}`;
  try {
    const set = await client.set(key, '1', 'PX', SIGNATURE_TOLERANCE_MS * 2 + 60_000, 'NX');
    return set === null;
  } catch {
    return false;
  }
}
