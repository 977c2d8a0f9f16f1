// Several worker processes against one Postgres and Redis (issue #20 item 3): two real
// `apps/worker/src/main.ts` processes on the same queue prefix route the seed scenario
// (assign Sales by round robin → wait → reassign to Support with a comment). Whichever process
// takes a job, each conversation is assigned once, each wait fires once, no effect is written
// twice, round robin stays exact across processes, and one process leads the sweeps.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabase } from '@baton/db/testing';
import { QueueClient, createRedis } from '@baton/queue';
import { createChaosWorkspace } from '../../../chaos/chaos-workspace';
import { cleanVerdict, settleAndCheck } from '../../../chaos/settle-and-check';
import { waitFor } from './test-harness';
import { customerWritesIn, workerProcess } from './worker-process';

const handle = testDatabase(4);
const redis = createRedis(process.env.REDIS_URL!, 'two-workers-int');
const prefix = `w${randomUUID().slice(0, 8)}`;
const queues = new QueueClient(redis, prefix);
const WAIT_SECONDS = 2;
const CONVERSATIONS = 60;
const workers = ['a', 'b'].map((name) =>
  workerProcess(name, prefix, { RECONCILE_GRACE_MS: '1000', WORKER_LOCK_MS: '3000' }),
);

afterAll(async () => {
  for (const w of workers) w.kill('SIGTERM');
  await queues.close();
  redis.disconnect();
  await handle.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Granted advisory locks on the sweeps' lease of this prefix (a bigint key shows as classid = high, objid = low 32 bits). */
async function sweepLeaders(): Promise<number> {
  const res = await handle.pool.query(
    `select count(*)::int as n from pg_locks l, (select hashtextextended($1, 0) as k) h
      where l.locktype = 'advisory' and l.granted and l.objsubid = 1
        and l.classid::bigint = (h.k >> 32) & 4294967295 and l.objid::bigint = h.k & 4294967295`,
    [`baton-worker-sweeps:${prefix}`],
  );
  return res.rows[0].n;
}

describe('two worker processes on one Postgres and Redis', () => {
  it(
    'route the seed scenario exactly once per conversation, with exact round robin, while one of them is SIGKILLed and restarted',
    { timeout: 90_000 },
    async () => {
      const ws = await createChaosWorkspace(handle.db, WAIT_SECONDS);
      for (const w of workers) w.start();
      // Both consume every queue: BullMQ lists each process's worker connection.
      await waitFor(
        async () =>
          (await queues.waits.getWorkers()).length === 2 &&
          (await queues.eventShards[0]!.getWorkers()).length === 2,
        30_000,
        100,
      );
      await waitFor(async () => (await sweepLeaders()) === 1, 15_000, 100);

      for (let i = 0; i < CONVERSATIONS; i++) {
        await customerWritesIn(ws, queues, i);
        if (i === CONVERSATIONS / 2) await workers[0]!.restart(300); // a crash mid-run: its jobs and (maybe) the lead pass to the other
        await sleep(40);
      }
      const { verdict } = await settleAndCheck(handle.pool, ws.workspaceId, {
        conversations: CONVERSATIONS,
        waitMs: WAIT_SECONDS * 1000,
      });
      expect(verdict).toEqual(cleanVerdict(CONVERSATIONS));

      // Round robin over the cursor in Postgres: as even as one process would make it.
      const perAgent = await handle.pool.query<{ type: string; n: number }>(
        `select type, count(*)::int as n from conversation_events
        where workspace_id = $1 and type in ('assigned', 'reassigned')
        group by type, to_user_id order by 1, 2`,
        [ws.workspaceId],
      );
      const spread = (type: string) => {
        const counts = perAgent.rows.filter((r) => r.type === type).map((r) => r.n);
        return Math.max(...counts) - Math.min(...counts);
      };
      expect({ assigned: spread('assigned'), reassigned: spread('reassigned') }).toEqual({
        assigned: 0,
        reassigned: 0,
      });
      expect(await sweepLeaders()).toBe(1);
    },
  );
});
