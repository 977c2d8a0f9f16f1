// A real worker process (`apps/worker/src/main.ts` under tsx) for tests that run several of
// them against one Postgres and Redis: fast repairs and leases, a queue prefix of the test's own.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KillableProcess } from '../../../chaos/killable-process';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function workerProcess(
  name: string,
  prefix: string,
  env: Record<string, string> = {},
): KillableProcess {
  return new KillableProcess(
    `worker-${name}`,
    path.join(root, 'node_modules/.bin/tsx'),
    ['apps/worker/src/main.ts'],
    {
      cwd: root,
      env: {
        ...process.env,
        BATON_QUEUE_PREFIX: prefix,
        RECONCILE_INTERVAL_MS: '500',
        WORKER_CONCURRENCY: '10',
        LEADER_CHECK_MS: '200',
        ...env,
      },
    },
  );
}
