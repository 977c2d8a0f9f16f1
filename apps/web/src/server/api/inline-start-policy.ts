import { performance } from 'node:perf_hooks';

/**
 * Whether the API's inbound batch starts its conversations' runs in its own transaction
 * (inline: one commit, no queue hop) or stores the messages and leaves the runs to the worker
 * (the event queue: two processes in a pipeline).
 *
 * Measured (bench/notes.md, session 11, same sitting, interleaved): inline costs a quarter
 * less CPU per conversation (no event job, no second transaction, no second claim) and
 * routes with a lower p99 up to several hundred a second; but one chain of transactions
 * that both stores and routes carries less than two processes in a pipeline (here inline
 * handled 71–87 % of 1000/s where the pipeline handled 94–100 %). So `auto`, the default,
 * routes inline while the web keeps up and hands the routing to the worker while it does not.
 *
 * Falling behind is read from two signals: batches that start, `behindBatches` in a row and for at least `behindForMs`,
 * either with items left waiting behind them or at least `largeBatch` (half the group
 * commit's batch size: near the chain's capacity each batch takes longer because it is
 * larger, and the batches grow — at 1000/s they did while the web's event loop stayed half
 * idle; one stalled commit leaves one or two such batches, then the chain catches up). Where
 * to draw the line is a trade measured in bench/notes.md, session 11: at 64 a fast machine
 * hands 700/s to the pipeline, which routed it with a higher p99 than inline did; at 128 a
 * slower one kept 700/s inline while 6 % of it went unrouted in time. Handing over early
 * costs some latency; late, a backlog), and the event loop's busy share over the last second
 * (the web's thread is also serving pages, or is simply full). Hysteresis keeps the two paths
 * from alternating: a hand-over lasts at least `holdMs` (doubled, up to `maxHoldMs`, when the
 * web falls behind again soon after coming back), and routing comes back inline only once
 * the message rate has fallen to `resumeAtRateShare` of the rate it fell behind at — or,
 * to find out whether it still falls behind, after `maxHoldMs`. Both paths are correct
 * together — an event is claimed under lock once, whoever starts its runs — but while both
 * route they take the same rotation cursors.
 */
export type InlineStartMode = 'on' | 'off' | 'auto';

export type InlineStartOptions = {
  /** Busy share of the event loop at which the web hands routing to the worker. */
  handOverAbove: number;
  /** … and below which it takes it back (after the hold). */
  resumeBelow: number;
  holdMs: number;
  maxHoldMs: number;
  /** Share of the message rate at the hand-over below which routing comes back inline. */
  resumeAtRateShare: number;
  /** Batches in a row that must leave items behind them, or be this large, to count as falling behind. */
  behindBatches: number;
  largeBatch: number;
  /**
   * … and for at least this long: a stalled commit (a checkpoint's fsync, autovacuum) leaves
   * a few large batches that the chain works off within a second; a rate beyond the chain's
   * capacity keeps them large. Without it, 500/s for 60 s handed over on stalls and routed
   * 70 % through the worker at p99 913 ms where inline alone did 236 ms (bench/notes.md, session 12).
   * 3 s since session 14: at 1 s the start of a 500/s run (batches of 64+ for just over a second,
   * nothing left behind) and autovacuum's passes still handed over, in 7 of 10 runs, and then
   * routed at p99 430–915 ms with up to 2.6 % unrouted; at 3 s none of 4 did (p99 157–279 ms,
   * all routed). At 1000/s on the same machine inline kept 97.6 % (p99 298 ms) where handing
   * over after 1 s kept 80 % (p99 885 ms): the pipeline's extra CPU per conversation only pays
   * where the cores have room, and a backlog that lasts 3 s still hands over (BATON_INLINE_BEHIND_FOR_MS).
   */
  behindForMs: number;
};

// The loop's busy share is wall time: it also rises when other processes take the cores, and
// then handing over (a quarter more CPU per conversation) makes things worse. At 0.85 a 500/s
// run on a shared 2-core machine handed over at 88–90 % and routed a third through the worker
// (p99 218–307 ms, CPU 3.3 ms per conversation); the batches' signal reads the chain's capacity
// itself, so the loop only counts when it is full (session 12).
export const INLINE_START_DEFAULTS: InlineStartOptions = { handOverAbove: 0.95, resumeBelow: 0.6, holdMs: 2000, maxHoldMs: 30_000, resumeAtRateShare: 0.75, behindBatches: 3, largeBatch: 64, behindForMs: 3000 };

/** Messages per second over the last `windowMs`, from the batches' sizes as they start. */
class RateWindow {
  private readonly batches: { at: number; size: number }[] = [];
  constructor(private readonly windowMs = 2000) {}
  add(at: number, size: number): void {
    this.batches.push({ at, size });
    while (this.batches.length > 0 && this.batches[0]!.at <= at - this.windowMs) this.batches.shift();
  }
  perSecond(): number {
    return (this.batches.reduce((n, b) => n + b.size, 0) * 1000) / this.windowMs;
  }
}

export function inlineStartModeFromEnv(value = process.env.BATON_INLINE_RUN_START): InlineStartMode {
  if (value === '1' || value === 'on') return 'on';
  if (value === '0' || value === 'off') return 'off';
  return 'auto';
}

export function inlineStartOptionsFromEnv(
  env: Record<string, string | undefined> = process.env,
  largeBatch = INLINE_START_DEFAULTS.largeBatch,
): InlineStartOptions {
  const share = (v: string | undefined, d: number) => {
    const n = Number(v);
    return v !== undefined && Number.isFinite(n) && n > 0 && n <= 1 ? n : d;
  };
  const handOverAbove = share(env.BATON_INLINE_HAND_OVER_ELU, INLINE_START_DEFAULTS.handOverAbove);
  const ms = env.BATON_INLINE_BEHIND_FOR_MS ? Number(env.BATON_INLINE_BEHIND_FOR_MS) : Number.NaN;
  return {
    ...INLINE_START_DEFAULTS,
    largeBatch,
    behindForMs: Number.isInteger(ms) && ms >= 0 ? ms : INLINE_START_DEFAULTS.behindForMs,
    handOverAbove,
    resumeBelow: Math.min(handOverAbove, share(env.BATON_INLINE_RESUME_ELU, INLINE_START_DEFAULTS.resumeBelow)),
  };
}

/**
 * The event loop's busy share over about the last second, sampled every 250 ms off the
 * request path (unref'd: it never keeps the process alive).
 */
export function eventLoopBusyShare(windowSamples = 4, everyMs = 250): () => number {
  let last = performance.eventLoopUtilization();
  const samples: { idle: number; active: number }[] = [];
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    samples.push({ idle: now.idle - last.idle, active: now.active - last.active });
    if (samples.length > windowSamples) samples.shift();
    last = now;
  }, everyMs);
  timer.unref();
  return () => {
    let idle = 0;
    let active = 0;
    for (const s of samples) {
      idle += s.idle;
      active += s.active;
    }
    return idle + active > 0 ? active / (idle + active) : 0;
  };
}

export class InlineStartPolicy {
  private handedOverUntil = 0;
  private handedOver = false;
  private hold: number;
  private resumedAt = -Infinity;
  private handedOverAt = 0;
  private rateAtHandOver = 0;
  private readonly rate = new RateWindow();
  private behindInARow = 0;
  private behindSince = 0;

  constructor(
    private readonly busyShare: () => number = eventLoopBusyShare(),
    private readonly mode: () => InlineStartMode = () => inlineStartModeFromEnv(),
    private readonly opts: InlineStartOptions = inlineStartOptionsFromEnv(),
    private readonly now: () => number = () => Date.now(),
  ) {
    this.hold = opts.holdMs;
  }

  /** Decides for a batch of `size` messages starting now, with `behind` left waiting after it. */
  inline(size = 1, behind = 0): boolean {
    const mode = this.mode();
    if (mode !== 'auto') return mode === 'on';
    const busy = this.busyShare();
    const now = this.now();
    this.rate.add(now, size);
    const falling = behind > 0 || size >= this.opts.largeBatch;
    if (falling && this.behindInARow === 0) this.behindSince = now;
    this.behindInARow = falling ? this.behindInARow + 1 : 0;
    const fellBehind = this.behindInARow >= this.opts.behindBatches && now - this.behindSince >= this.opts.behindForMs;
    if (!this.handedOver && (fellBehind || busy >= this.opts.handOverAbove)) {
      // Behind again soon after taking routing back: hold the hand-over longer this time.
      this.hold = now - this.resumedAt < 2 * this.hold ? Math.min(this.opts.maxHoldMs, this.hold * 2) : this.opts.holdMs;
      this.handedOver = true;
      this.handedOverAt = now;
      this.handedOverUntil = now + this.hold;
      this.rateAtHandOver = this.rate.perSecond();
      this.cause = fellBehind
        ? `${this.behindInARow} batches in a row over ${now - this.behindSince} ms with ${behind} waiting behind the last`
        : `event loop ${Math.round(busy * 100)} % busy`;
    } else if (
      this.handedOver &&
      now >= this.handedOverUntil &&
      behind === 0 &&
      // The rate has fallen (and the loop with it), or it is time to try again: the loop's
      // busy share is not asked then — the handed-over path keeps the web busy too (at 500/s
      // it stayed above the resume line, and routing never came back; session 12).
      ((busy <= this.opts.resumeBelow && this.rate.perSecond() <= this.opts.resumeAtRateShare * this.rateAtHandOver) ||
        now - this.handedOverAt >= this.opts.maxHoldMs)
    ) {
      this.handedOver = false;
      this.resumedAt = now;
    }
    return !this.handedOver;
  }

  /** What made the web hand routing over last (logs). */
  cause = '';

  /** Whether the web is handing routing to the worker now (logs, tests). */
  get handingOver(): boolean {
    return this.handedOver;
  }
}
