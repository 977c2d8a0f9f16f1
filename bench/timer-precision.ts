// 2. Timer precision: lateness of wait steps, from wake_at to (a) the branch after the wait
// being evaluated (run_steps.started_at of `check-reply`, the database clock read inside
// the resuming transaction) and (b) that transaction's commit
// (pg_xact_commit_timestamp of the same row). Pending sets of growing size, 50 waits due
// per second, routing load in the background. A wait evaluated before wake_at is "early".
import { createBenchWorkspace } from './lib/workspaces';
import { createPendingWaits, waitForTemplateRun } from './lib/pending-waits';
import { postLoad } from './lib/load';
import { summarize, acrossRounds } from './lib/stats';
import { SIZES } from './lib/scale';
import { sleep, type BenchContext } from './lib/context';
import { machineLoad } from './lib/machine';
import { memorySnapshot, perWait } from './memory-per-wait';

const DUE_PER_SECOND = 50;

async function timerTenant(ctx: BenchContext) {
  const ws = await createBenchWorkspace(ctx.db.db, { amount: 1, unit: 'hours' });
  const res = await fetch(`${ctx.baseUrl}/api/v1/channels/${ws.channelId}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ws.apiKey}` },
    body: JSON.stringify({ contact: { externalId: 'template' }, text: 'template wait' }),
  });
  if (res.status !== 201) throw new Error(`template message: ${res.status} ${await res.text()}`);
  return waitForTemplateRun(ctx.pool, ws.workspaceId, 'template');
}

export async function run(ctx: BenchContext) {
  // Due waits all in one tenant (every reassignment queues on one Support pool's cursor lock)
  // and, at the largest size, spread over several tenants as a multi-tenant service sees them.
  const templates = [];
  for (let i = 0; i < SIZES.workspaces; i++) templates.push(await timerTenant(ctx));
  const template = templates[0]!;
  await ctx.pool.query(
    'create table if not exists bench_waits (run_id uuid primary key, wake_at timestamptz not null, label text not null)',
  );

  // Warm-up, not measured: JIT-compiles the resume path and the web's routing path before the
  // first measured wave (the first wave after start was ~2× later than the rest without it).
  {
    const warm = postLoad({ baseUrl: ctx.baseUrl, targets: ctx.tenants, rate: SIZES.backgroundRate, seconds: 6, tag: 'warm-timers' });
    await createPendingWaits(ctx.pool, ctx.queues, template, { count: 200, firstWake: new Date(Date.now() + 1500), stepMs: 20, tag: 'warm-timers' });
    await warm;
    await sleep(1500);
  }

  let pending = 0;
  const sizes = [];
  for (const size of SIZES.pendingSizes) {
    const add = size - pending;
    const before = await memorySnapshot(ctx);
    const t0 = Date.now();
    if (add > 0) {
      await createPendingWaits(ctx.pool, ctx.queues, template, {
        count: add,
        firstWake: new Date(Date.now() + 3 * 3600_000),
        stepMs: 5,
        tag: `pend${size}`,
      });
    }
    const createSeconds = (Date.now() - t0) / 1000;
    pending = size;
    // The pending waits are bulk-inserted (99k rows in under a minute, unlike production's
    // steady trickle): settle that import before the rounds — vacuum and analyze the tables it
    // filled and write a checkpoint — so the rounds measure firing, not autovacuum and a
    // checkpoint catching up with the import (one round 0 at 100k stalled 3.8 s without it,
    // 2026-12-03; the SLA section does the same). BENCH_TIMERS_SETTLE=0: rounds start at once.
    if (add > 0 && process.env.BENCH_TIMERS_SETTLE !== '0') {
      const a0 = Date.now();
      await ctx.pool.query('vacuum (analyze) workflow_runs, run_steps, conversations, contacts, conversation_events, outbox_events');
      await ctx.pool.query('checkpoint');
      ctx.log(`[timers] vacuumed, analyzed and checkpointed after adding ${add} waits in ${Date.now() - a0} ms`);
    }
    await sleep(2000);
    const after = await memorySnapshot(ctx);
    const memory = {
      pending: size,
      added: add,
      createSeconds,
      ...perWait(before, after, Math.max(1, add)),
      after,
    };
    ctx.log(
      `[timers] ${size} pending (added ${add} in ${createSeconds.toFixed(1)} s): ${memory.redisBytesPerWait} B redis/wait, ${memory.pgRunBytesPerWait} B pg run state/wait, worker RSS ${after.workerRssMiB} MiB`,
    );
    ctx.loads.push(machineLoad(`timers: ${size} pending`));

    const modes =
      size === SIZES.pendingSizes[SIZES.pendingSizes.length - 1]
        ? (['one tenant', `${templates.length} tenants`] as const)
        : (['one tenant'] as const);
    for (const mode of modes) {
      const spread = mode === 'one tenant' ? [template] : templates;
      const rounds = [];
      for (let r = 0; r < SIZES.rounds; r++) {
        const label = `due${size}-${spread.length}-${r}`;
        const count = DUE_PER_SECOND * SIZES.dueSeconds;
        const firstWake = new Date(Date.now() + 3000);
        const background = postLoad({
          baseUrl: ctx.baseUrl,
          targets: ctx.tenants,
          rate: SIZES.backgroundRate,
          seconds: SIZES.dueSeconds + 3,
          tag: `bg-${label}`,
        });
        const created = [];
        const step = 1000 / DUE_PER_SECOND;
        for (const [i, tpl] of spread.entries()) {
          created.push(
            ...(await createPendingWaits(ctx.pool, ctx.queues, tpl, {
              count: Math.ceil(count / spread.length),
              firstWake: new Date(firstWake.getTime() + i * step),
              stepMs: step * spread.length,
              tag: `${label}-${i}`,
              keepIds: true,
            })),
          );
        }
        created.sort((a, b) => a.wakeAt.getTime() - b.wakeAt.getTime());
        await ctx.pool.query(
          'insert into bench_waits (run_id, wake_at, label) select * from unnest($1::uuid[], $2::timestamptz[], $3::text[])',
          [created.map((c) => c.runId), created.map((c) => c.wakeAt), created.map(() => label)],
        );
        const lastWake = created[created.length - 1]!.wakeAt.getTime();
        await sleep(Math.max(0, lastWake - Date.now()) + 1000);
        const bg = await background;
        const deadline = Date.now() + 15_000;
        let rows: { eval_ms: number; commit_ms: number }[];
        for (;;) {
          const q = await ctx.pool.query(
            `select extract(epoch from (s.started_at - b.wake_at)) * 1000 as eval_ms,
                  extract(epoch from (pg_xact_commit_timestamp(s.xmin) - b.wake_at)) * 1000 as commit_ms
             from bench_waits b join run_steps s on s.run_id = b.run_id and s.step_id = 'check-reply'
            where b.label = $1`,
            [label],
          );
          rows = q.rows.map((x) => ({
            eval_ms: Number(x.eval_ms),
            commit_ms: Number(x.commit_ms),
          }));
          if (rows.length >= created.length || Date.now() > deadline) break;
          await sleep(500);
        }
        const evalS = summarize(rows.map((x) => x.eval_ms));
        const commitS = summarize(rows.map((x) => x.commit_ms));
        const early = rows.filter((x) => x.eval_ms < 0).length;
        const round = {
          round: r,
          due: created.length,
          fired: rows.length,
          early,
          evalP50: evalS.p50,
          evalP99: evalS.p99,
          evalMax: evalS.max,
          commitP50: commitS.p50,
          commitP99: commitS.p99,
          commitMax: commitS.max,
          backgroundRouted: bg.sent.filter((s) => s.status === 201).length,
        };
        rounds.push(round);
        ctx.log(
          `[timers] ${size} pending, due in ${mode}, round ${r}: fired ${rows.length}/${created.length}, early ${early}, commit lateness p50 ${commitS.p50} p99 ${commitS.p99} max ${commitS.max} ms (background ${round.backgroundRouted} msgs)`,
        );
      }
      const agg = acrossRounds(rounds, [
        'evalP50',
        'evalP99',
        'evalMax',
        'commitP50',
        'commitP99',
        'commitMax',
      ]);
      sizes.push({
        pending: size,
        dueIn: mode,
        memory,
        rounds,
        ...agg,
        worstMax: Math.max(...rounds.map((r) => r.commitMax)),
        early: rounds.reduce((a, r) => a + r.early, 0),
        missing: rounds.reduce((a, r) => a + (r.due - r.fired), 0),
        workerRssAfterMiB: (await memorySnapshot(ctx)).workerRssMiB,
      });
    }
  }
  return {
    duePerSecond: DUE_PER_SECOND,
    dueSeconds: SIZES.dueSeconds,
    backgroundRate: SIZES.backgroundRate,
    sizes,
  };
}
