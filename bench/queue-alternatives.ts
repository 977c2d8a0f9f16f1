// 4. The same wait workload on the schedulers a team might use instead, same machine, same
// run: N pending waits far in the future, then 50 waits due per second. Every handler does
// the same thing — one durable Postgres commit recording clock_timestamp() — and lateness
// is that commit time minus the due time. Each system runs with its defaults:
//   bullmq-baton  : our scheduling (job delayed to due − WAIT_LEAD_MS, then sleep to due), concurrency 50
//   bullmq-naive  : BullMQ delayed job with delay = due − now, no lead (what a first try does)
//   pg-boss       : startAfter, defaults (polls every 2 s, one job per fetch)
//   pg-boss-tuned : pollingIntervalSeconds 0.5 (its minimum), batchSize 50
//   graphile-worker: runAt, default pollInterval (2 s)
//   poll-5s       : a table scanned every 5 s (how Sidekiq's scheduled set and Agenda poll)
import pg from 'pg';
import { Queue, Worker } from 'bullmq';
import { PgBoss } from 'pg-boss';
import { run as runGraphile, makeWorkerUtils, Logger } from 'graphile-worker';
import { WAIT_LEAD_MS, createRedis } from '@baton/queue';
import { createDatabaseNamed } from './lib/services';
import { summarize, acrossRounds } from './lib/stats';
import { SIZES } from './lib/scale';
import { sleep, type BenchContext } from './lib/context';
import { machineLoad } from './lib/machine';

const DUE_PER_SECOND = 50;
type Job = { id: number; due: number };
type System = {
  name: string;
  schedule: (jobs: Job[]) => Promise<void>;
  stop: () => Promise<void>;
};

async function recorder(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  await pool.query('create table if not exists alt_fired (system text, id int, due_at timestamptz, fired_at timestamptz, primary key (system, id))');
  return {
    pool,
    fire: (system: string, job: Job) =>
      pool.query('insert into alt_fired values ($1, $2, to_timestamp($3 / 1000.0), clock_timestamp()) on conflict do nothing', [system, job.id, job.due]),
  };
}

async function bullmq(name: string, redisUrl: string, rec: Awaited<ReturnType<typeof recorder>>, lead: boolean): Promise<System> {
  const conn = createRedis(redisUrl, `bench-${name}`);
  const workerConn = createRedis(redisUrl, `bench-${name}-worker`);
  const queue = new Queue(name, { connection: conn, prefix: 'alt' });
  const worker = new Worker(
    name,
    async (job) => {
      const data = job.data as Job;
      if (lead && data.due > Date.now()) await sleep(data.due - Date.now() + 1);
      await rec.fire(name, data);
    },
    { connection: workerConn, prefix: 'alt', concurrency: 50 },
  );
  return {
    name,
    schedule: async (jobs) => {
      for (let i = 0; i < jobs.length; i += 2000) {
        const now = Date.now();
        await queue.addBulk(
          jobs.slice(i, i + 2000).map((j) => ({
            name: 'w',
            data: j,
            opts: { jobId: `j${j.id}`, delay: Math.max(0, j.due - now - (lead ? WAIT_LEAD_MS : 0)), removeOnComplete: true },
          })),
        );
      }
    },
    stop: async () => {
      await worker.close();
      await queue.obliterate({ force: true }).catch(() => {});
      await queue.close();
      conn.disconnect();
      workerConn.disconnect();
    },
  };
}

async function pgBoss(name: string, url: string, rec: Awaited<ReturnType<typeof recorder>>, work: Record<string, number>): Promise<System> {
  const boss = new PgBoss({ connectionString: url, schema: name.replace(/[^a-z]/g, '') });
  boss.on('error', () => {});
  await boss.start();
  await boss.createQueue('w');
  await boss.work<Job>('w', work, async (jobs) => {
    await Promise.all(jobs.map((j) => rec.fire(name, j.data)));
  });
  return {
    name,
    schedule: async (jobs) => {
      for (let i = 0; i < jobs.length; i += 1000) {
        await boss.insert('w', jobs.slice(i, i + 1000).map((j) => ({ data: j, startAfter: new Date(j.due) })));
      }
    },
    stop: () => boss.stop({ graceful: false, wait: true } as never),
  };
}

async function graphile(url: string, rec: Awaited<ReturnType<typeof recorder>>): Promise<System> {
  const utils = await makeWorkerUtils({ connectionString: url, logger: new Logger(() => () => {}) });
  await utils.migrate();
  const runner = await runGraphile({
    connectionString: url,
    concurrency: 10,
    noHandleSignals: true,
    logger: new Logger(() => () => {}),
    taskList: { w: async (payload) => void (await rec.fire('graphile-worker', payload as Job)) },
  });
  return {
    name: 'graphile-worker',
    schedule: async (jobs) => {
      for (let i = 0; i < jobs.length; i += 1000) {
        await utils.addJobs(jobs.slice(i, i + 1000).map((j) => ({ identifier: 'w', payload: j, runAt: new Date(j.due) })));
      }
    },
    stop: async () => {
      await runner.stop();
      await utils.release();
    },
  };
}

async function poller(url: string, rec: Awaited<ReturnType<typeof recorder>>): Promise<System> {
  const pool = rec.pool;
  await pool.query('create table if not exists poll_waits (id int primary key, due_at timestamptz not null, fired boolean not null default false)');
  await pool.query('create index if not exists poll_waits_due on poll_waits (due_at) where not fired');
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      const { rows } = await pool.query('update poll_waits set fired = true where due_at <= now() and not fired returning id, due_at');
      await Promise.all(rows.map((r) => rec.fire('poll-5s', { id: r.id, due: new Date(r.due_at).getTime() })));
    } finally {
      busy = false;
    }
  }, 5000);
  return {
    name: 'poll-5s',
    schedule: async (jobs) => {
      for (let i = 0; i < jobs.length; i += 5000) {
        const s = jobs.slice(i, i + 5000);
        await pool.query('insert into poll_waits (id, due_at) select * from unnest($1::int[], $2::timestamptz[])', [s.map((j) => j.id), s.map((j) => new Date(j.due))]);
      }
    },
    stop: async () => clearInterval(timer),
  };
}

export async function run(ctx: BenchContext) {
  await createDatabaseNamed(ctx.services.pgUrl, 'bench_alternatives');
  const url = ctx.services.adminUrl('bench_alternatives');
  const rec = await recorder(url);
  const makers: [string, () => Promise<System>][] = [
    ['bullmq-baton', () => bullmq('bullmq-baton', ctx.services.redisUrl, rec, true)],
    ['bullmq-naive', () => bullmq('bullmq-naive', ctx.services.redisUrl, rec, false)],
    ['pg-boss', () => pgBoss('pg-boss', url, rec, {})],
    ['pg-boss-tuned', () => pgBoss('pg-boss-tuned', url, rec, { pollingIntervalSeconds: 0.5, batchSize: 50 })],
    ['graphile-worker', () => graphile(url, rec)],
    ['poll-5s', () => poller(url, rec)],
  ];
  let nextId = 1;
  const systems = [];
  for (const [name, make] of makers) {
    ctx.loads.push(machineLoad(`alternatives: ${name}`));
    try {
      const sys = await make();
      const pending = Array.from({ length: SIZES.alternativesPending }, (_, i) => ({ id: nextId++, due: Date.now() + 3 * 3600_000 + i * 5 }));
      const t0 = Date.now();
      await sys.schedule(pending);
      const scheduleSeconds = (Date.now() - t0) / 1000;
      const rounds = [];
      for (let r = 0; r < SIZES.rounds; r++) {
        const count = DUE_PER_SECOND * SIZES.alternativesDueSeconds;
        const first = Date.now() + 3000;
        const jobs = Array.from({ length: count }, (_, i) => ({ id: nextId++, due: first + (i * 1000) / DUE_PER_SECOND }));
        await sys.schedule(jobs);
        // Wait until every job of the round has fired (the poller can be 5 s late; pg-boss with
        // defaults falls behind), up to 15 s past the last due time (the report shows fired / due).
        const lastDue = jobs[jobs.length - 1]!.due;
        await sleep(Math.max(0, lastDue - Date.now()) + 1000);
        for (;;) {
          const { rows } = await rec.pool.query('select count(*)::int as n from alt_fired where system = $1 and id between $2 and $3', [name, jobs[0]!.id, jobs[jobs.length - 1]!.id]);
          if (rows[0].n >= count || Date.now() > lastDue + 15_000) break;
          await sleep(250);
        }
        const { rows } = await rec.pool.query(
          'select extract(epoch from (fired_at - due_at)) * 1000 as late from alt_fired where system = $1 and id between $2 and $3',
          [name, jobs[0]!.id, jobs[jobs.length - 1]!.id],
        );
        const s = summarize(rows.map((x) => Number(x.late)));
        const early = rows.filter((x) => Number(x.late) < 0).length;
        rounds.push({ round: r, due: count, fired: rows.length, early, p50: s.p50, p99: s.p99, max: s.max });
        ctx.log(`[alternatives] ${name} round ${r}: fired ${rows.length}/${count}, early ${early}, p50 ${s.p50} p99 ${s.p99} max ${s.max} ms`);
      }
      await sys.stop();
      systems.push({ name, pending: SIZES.alternativesPending, scheduleSeconds, rounds, ...acrossRounds(rounds, ['p50', 'p99', 'max']), early: rounds.reduce((a, r) => a + r.early, 0) });
    } catch (err) {
      ctx.log(`[alternatives] ${name} failed: ${(err as Error).message}`);
      systems.push({ name, error: (err as Error).message });
    }
  }
  await rec.pool.end();
  return { duePerSecond: DUE_PER_SECOND, dueSeconds: SIZES.alternativesDueSeconds, systems };
}
