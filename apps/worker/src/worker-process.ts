// A real worker process, as production starts it (`node apps/worker/start.mjs`: the bundle in
// apps/worker/dist, built by the int suite's set-up), for tests that run several of them against
// one Postgres and Redis: fast repairs and leases, a queue prefix of the test's own.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { receiveInboundMessage, type Tenant } from '@baton/db';
import { KillableProcess } from '../../../chaos/killable-process';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function workerProcess(
  name: string,
  prefix: string,
  env: Record<string, string> = {},
): KillableProcess {
  return new KillableProcess(
    `worker-${name}`,
    process.execPath,
    ['apps/worker/start.mjs'],
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

/** Customer `i` writes in (idempotent by its external ids) and its events are queued, as the API does. */
export async function customerWritesIn(
  ws: { t: Tenant; channelId: string; workspaceId: string },
  // The test's own QueueClient (typed by what is used: processors may not import it).
  queues: { enqueueEvents(workspaceId: string, eventIds: string[]): Promise<unknown> },
  i: number,
): Promise<void> {
  const inbound = await receiveInboundMessage(ws.t, ws.channelId, {
    contact: { externalId: `c-${i}`, name: `Customer ${i}` },
    text: 'Hello?',
    externalId: `m-${i}`,
  });
  await queues.enqueueEvents(ws.workspaceId, inbound.outboxEventIds);
}
