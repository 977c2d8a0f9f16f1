import { refuseToStartWithUnsafeSecrets } from '@baton/db/production-secrets';
import { readConfig } from './config';
import { startWorker } from './start-worker';

// The worker decrypts channel secrets: with a missing or published key in production it stops here.
refuseToStartWithUnsafeSecrets('worker', { needsPublicUrl: false, needsSessionSecret: false });
const worker = await startWorker(readConfig());
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await worker.stop();
    process.exit(0);
  });
}
