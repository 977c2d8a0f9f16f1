import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../client';
import { KNOWN_DEFAULT_SECRETS } from '../config/production-secrets';
import { channels } from '../schema';
import { encryptSecret, openSecret } from './secret-box';

/**
 * Re-seals channel secrets that an older key encrypted (BATON_SECRET_KEY_PREVIOUS, or a
 * published default such as compose's old `change-me-in-production` or the dev script's old
 * key), so every secret ends up under BATON_SECRET_KEY. Runs with the migrations; cross-tenant
 * by design, keyed by primary key. A secret no key opens is left as it is (the admin rotates it).
 * Returns how many channels were re-sealed, and how many of those a published key had sealed:
 * their secrets were readable to anyone holding a database copy and should be rotated.
 */
export async function reencryptChannelSecrets(db: Database, opts: { channelIds?: string[] } = {}): Promise<{ resealed: number; fromPublishedKey: number }> {
  const rows = await db
    .select({ id: channels.id, inbound: channels.inboundSecretEncrypted, outbound: channels.outboundSecretEncrypted })
    .from(channels)
    .where(opts.channelIds ? inArray(channels.id, opts.channelIds) : undefined);
  const result = { resealed: 0, fromPublishedKey: 0 };
  for (const row of rows) {
    let published = false;
    const fresh = (sealed: string | null) => {
      if (!sealed) return undefined;
      try {
        const opened = openSecret(sealed, KNOWN_DEFAULT_SECRETS);
        if (!opened.stale) return undefined;
        if (KNOWN_DEFAULT_SECRETS.includes(opened.keyMaterial)) published = true;
        return encryptSecret(opened.plain);
      } catch {
        return undefined;
      }
    };
    const inbound = fresh(row.inbound);
    const outbound = fresh(row.outbound);
    if (!inbound && !outbound) continue;
    await db
      .update(channels)
      .set({ ...(inbound ? { inboundSecretEncrypted: inbound } : {}), ...(outbound ? { outboundSecretEncrypted: outbound } : {}) })
      .where(eq(channels.id, row.id));
    result.resealed++;
    if (published) result.fromPublishedKey++;
  }
  return result;
}
