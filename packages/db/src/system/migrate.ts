import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Database } from '../client';
import { backfillOutboundSecrets } from '../channels/backfill-outbound-secrets';
import { reencryptChannelSecrets } from '../channels/reencrypt-channel-secrets';
import { reencryptWebhookSecrets } from '../webhooks/reencrypt-webhook-secrets';

export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../migrations',
);

export async function migrateDatabase(db: Database): Promise<void> {
  await migrate(db, { migrationsFolder });
  const { fromPublishedKey } = await reencryptChannelSecrets(db);
  // Outside production the dev default key is the current key, so this only fires for real
  // deployments (or dev data from before the key was separated).
  if (fromPublishedKey > 0 && process.env.BATON_SECRET_KEY) {
    console.warn(`[migrate] re-encrypted ${fromPublishedKey} channel(s) whose secrets were sealed with a published default key: rotate their secrets in Settings → Channels`);
  }
  await backfillOutboundSecrets(db);
  await reencryptWebhookSecrets(db);
}
