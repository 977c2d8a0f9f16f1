import { eq } from 'drizzle-orm';
import type { Database } from '../client';
import { KNOWN_DEFAULT_SECRETS } from '../config/production-secrets';
import { webhookSubscriptions } from '../schema';
import { encryptSecret, openSecret } from '../channels/secret-box';

/**
 * Subscriptions' signing secrets follow key rotation like channel secrets
 * (reencryptChannelSecrets): whatever an older key sealed is re-sealed under
 * BATON_SECRET_KEY when migrations run. A secret no key opens is left (the admin rotates it).
 */
export async function reencryptWebhookSecrets(db: Database): Promise<{ resealed: number }> {
  const rows = await db.select({ id: webhookSubscriptions.id, sealed: webhookSubscriptions.secretEncrypted }).from(webhookSubscriptions);
  let resealed = 0;
  for (const row of rows) {
    let fresh: string | null = null;
    try {
      const opened = openSecret(row.sealed, KNOWN_DEFAULT_SECRETS);
      if (opened.stale) fresh = encryptSecret(opened.plain);
    } catch {
      continue;
    }
    if (!fresh) continue;
    await db.update(webhookSubscriptions).set({ secretEncrypted: fresh }).where(eq(webhookSubscriptions.id, row.id));
    resealed++;
  }
  return { resealed };
}
