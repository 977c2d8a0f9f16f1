// Applies migrations and seeds the demo workspace once; writes .data/demo.env (mode 0600) for
// scripts. It prints only where that file is, never the API key or the channel secrets
// (stdout ends up in container and CI logs).
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createDatabase, migrateDatabase, seedDemo } from '@baton/db';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set');
const baseUrl = process.env.BATON_URL ?? 'http://localhost:3000';
const dataDir = path.resolve(process.env.BATON_DATA_DIR ?? '.data');
const handle = createDatabase(url, { max: 2, applicationName: 'baton-setup' });
try {
  await migrateDatabase(handle.db);
  if (process.argv.includes('--migrate-only')) {
    console.log(JSON.stringify({ migrated: true }));
    process.exit(0);
  }
  const seed = await seedDemo(handle.db, { waitSeconds: process.env.BATON_DEMO_WAIT_SECONDS ? Number(process.env.BATON_DEMO_WAIT_SECONDS) : undefined });
  mkdirSync(dataDir, { recursive: true });
  const envFile = path.join(dataDir, 'demo.env');
  if (seed.created) {
    writeFileSync(
      envFile,
      [
        `BATON_URL=${baseUrl}`,
        `BATON_API_KEY=${seed.apiKey}`,
        `BATON_CHANNEL_ID=${seed.channelId}`,
        `BATON_CHANNEL_SECRET=${seed.channelSecret}`,
        `BATON_CHANNEL_OUTBOUND_SECRET=${seed.channelOutboundSecret}`,
        `BATON_WORKSPACE_ID=${seed.workspaceId}`,
        `BATON_ALICE_ID=${seed.users.alice}`,
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
  } else if (existsSync(envFile)) {
    // Keep the key from the first run (it is only ever shown once); refresh the URL.
    const lines = readFileSync(envFile, 'utf8').split('\n').filter((l) => l && !l.startsWith('BATON_URL='));
    writeFileSync(envFile, [`BATON_URL=${baseUrl}`, ...lines, ''].join('\n'), { mode: 0o600 });
  }
  console.log(JSON.stringify({ created: seed.created, workspaceId: seed.workspaceId, channelId: seed.channelId, logins: seed.logins, envFile }));
} finally {
  await handle.close();
}
