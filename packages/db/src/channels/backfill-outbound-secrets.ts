import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../client';
import { channels } from '../schema';

/**
 * Channels created before outbound deliveries had their own secret keep signing with the one
 * their receivers already verify (the inbound secret, copied as sealed), so an upgrade breaks
 * no integration. The settings page flags such channels (`sharesInboundSecret`) and one click
 * on "Rotate outbound secret" separates them; new channels always get two secrets.
 * Cross-tenant by design (a one-off keyed by primary key); only rows still null are written.
 */
export async function backfillOutboundSecrets(db: Database): Promise<number> {
  const missing = await db
    .select({ id: channels.id, sealed: channels.inboundSecretEncrypted })
    .from(channels)
    .where(isNull(channels.outboundSecretEncrypted));
  for (const { id, sealed } of missing) {
    await db
      .update(channels)
      .set({ outboundSecretEncrypted: sealed })
      .where(and(eq(channels.id, id), isNull(channels.outboundSecretEncrypted)));
  }
  return missing.length;
}
