import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../client';
import { channels } from '../schema';
import { encryptSecret, openSecret } from './secret-box';

/**
 * Re-seals channel secrets that an older key (BATON_SECRET_KEY_PREVIOUS, or in development the
 * pre-separation dev keys) encrypted, so the old key can be dropped. Runs with the migrations;
 * cross-tenant by design, keyed by primary key. A secret no key opens is left as it is: the
 * admin rotates it.
 */
export async function reencryptChannelSecrets(db: Database, opts: { channelIds?: string[] } = {}): Promise<number> {
  const rows = await db
    .select({ id: channels.id, inbound: channels.inboundSecretEncrypted, outbound: channels.outboundSecretEncrypted })
    .from(channels)
    .where(opts.channelIds ? inArray(channels.id, opts.channelIds) : undefined);
  let changed = 0;
  for (const row of rows) {
    const fresh = (sealed: string | null) => {
      if (!sealed) return undefined;
      try {
        const opened = openSecret(sealed);
        return opened.stale ? encryptSecret(opened.plain) : undefined;
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
    changed++;
  }
  return changed;
}
