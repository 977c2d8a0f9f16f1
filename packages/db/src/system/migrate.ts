import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Database } from '../client';
import { backfillOutboundSecrets } from '../channels/backfill-outbound-secrets';
import { reencryptChannelSecrets } from '../channels/reencrypt-channel-secrets';

export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../migrations',
);

export async function migrateDatabase(db: Database): Promise<void> {
  await migrate(db, { migrationsFolder });
  await reencryptChannelSecrets(db);
  await backfillOutboundSecrets(db);
}
