import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../client';
import { channels } from '../schema';
import { newChannelSecret } from './manage-channels';
import { encryptSecret } from './secret-box';

/**
 * Channels created before outbound deliveries had their own secret get one here, after the
 * SQL migrations: it must be encrypted with the app's key, which SQL does not have. Their
 * receivers fail signature checks until an admin rotates the outbound secret and copies it
 * over — the price of no longer signing deliveries with the inbound secret.
 * Cross-tenant by design (a one-off keyed by primary key); only rows still null are written.
 */
export async function backfillOutboundSecrets(db: Database): Promise<number> {
  const missing = await db.select({ id: channels.id }).from(channels).where(isNull(channels.outboundSecretEncrypted));
  for (const { id } of missing) {
    await db
      .update(channels)
      .set({ outboundSecretEncrypted: encryptSecret(newChannelSecret()) })
      .where(and(eq(channels.id, id), isNull(channels.outboundSecretEncrypted)));
  }
  return missing.length;
}
