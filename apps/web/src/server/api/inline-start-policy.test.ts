import { describe, expect, it } from 'vitest';
import { InlineStartPolicy, eventLoopBusyShare, inlineStartModeFromEnv, inlineStartOptionsFromEnv } from './inline-start-policy';

const opts = { handOverAbove: 0.85, resumeBelow: 0.6, holdMs: 2000, maxHoldMs: 30_000, resumeAtRateShare: Number.POSITIVE_INFINITY, behindBatches: 3, largeBatch: 64, behindForMs: 0 }; // the rate rule and the streak's length apart, below

function policy(mode: 'on' | 'off' | 'auto' = 'auto') {
  const clock = { now: 0, busy: 0.2 };
  const p = new InlineStartPolicy(() => clock.busy, () => mode, opts, () => clock.now);
  return { p, clock };
}

describe('InlineStartPolicy', () => {
  it('routes inline while the event loop has room', () => {
    const { p, clock } = policy();
    for (const busy of [0.1, 0.5, 0.84, 0.7]) {
      clock.busy = busy;
      expect(p.inline()).toBe(true);
    }
  });

  it('hands routing to the worker when the event loop is busy, and holds it there at least holdMs', () => {
    const { p, clock } = policy();
    clock.busy = 0.9;
    expect(p.inline()).toBe(false);
    clock.busy = 0.1;
    clock.now = 1999;
    expect(p.inline()).toBe(false); // calm, but within the hold
    clock.now = 2000;
    expect(p.inline()).toBe(true);
    expect(p.handingOver).toBe(false);
  });

  it('hands routing over when three batches in a row start with items left behind them (a growing backlog), and takes it back once none are', () => {
    const { p, clock } = policy();
    expect(p.inline(1, 0)).toBe(true);
    // One stalled commit: one batch leaves some behind, the next takes all that waits.
    expect(p.inline(128, 12)).toBe(true);
    expect(p.inline(40, 0)).toBe(true);
    expect(p.inline(128, 12)).toBe(true);
    expect(p.inline(128, 30)).toBe(true);
    expect(p.inline(128, 50)).toBe(false);
    clock.now = 5000;
    expect(p.inline(1, 3)).toBe(false); // still a backlog
    expect(p.inline(1, 0)).toBe(true);
  });

  it('counts large batches as falling behind too: near capacity every batch grows, with nothing left behind', () => {
    const { p } = policy();
    expect(p.inline(80, 0)).toBe(true);
    expect(p.inline(30, 0)).toBe(true); // a stall's one large batch, then caught up
    expect(p.inline(70, 0)).toBe(true);
    expect(p.inline(90, 0)).toBe(true);
    expect(p.inline(110, 0)).toBe(false);
  });

  it('does not hand over for a stall: the large batches must go on for behindForMs', () => {
    const clock = { now: 0, busy: 0.2 };
    const p = new InlineStartPolicy(() => clock.busy, () => 'auto', { ...opts, behindForMs: 1000 }, () => clock.now);
    // A stalled commit: four large batches within 600 ms, then the chain has caught up.
    for (const [t, size] of [[0, 128], [200, 128], [400, 100], [600, 70]] as const) {
      clock.now = t;
      expect(p.inline(size, 0)).toBe(true);
    }
    clock.now = 700;
    expect(p.inline(20, 0)).toBe(true);
    // More than the chain carries: the batches stay large past a second.
    for (const t of [1000, 1200, 1400, 1600, 1800]) {
      clock.now = t;
      expect(p.inline(128, 40)).toBe(true);
    }
    clock.now = 2000;
    expect(p.inline(128, 60)).toBe(false);
  });

  it('takes routing back only once the message rate falls well below the rate it fell behind at, or after maxHoldMs to try again', () => {
    const clock = { now: 0, busy: 0.2 };
    const p = new InlineStartPolicy(() => clock.busy, () => 'auto', { ...opts, resumeAtRateShare: 0.75 }, () => clock.now);
    const behindThrice = () => [20, 30, 40].map((behind) => p.inline(50, behind)).at(-1);
    // 50 messages every 50 ms: 1000/s, then a backlog.
    for (; clock.now < 2000; clock.now += 50) expect(p.inline(50, 0)).toBe(true);
    expect(behindThrice()).toBe(false);
    // Still 1000/s after the hold: stays with the worker.
    for (; clock.now < 10_000; clock.now += 50) expect(p.inline(50, 0)).toBe(false);
    // 500/s for two seconds: below 75 % of the rate at the hand-over.
    for (; clock.now < 12_050; clock.now += 50) p.inline(25, 0);
    expect(p.handingOver).toBe(false);
    // Behind again at once: and at the same rate for maxHoldMs it tries inline again.
    expect(behindThrice()).toBe(false);
    const from = clock.now;
    while (!p.inline(50, 0)) clock.now += 50;
    expect(clock.now - from).toBe(30_000);
  });

  it('tries inline again after maxHoldMs even while the loop stays above the resume line (the worker path keeps the web busy too)', () => {
    const clock = { now: 0, busy: 0.9 };
    const p = new InlineStartPolicy(() => clock.busy, () => 'auto', { ...opts, resumeAtRateShare: 0.75 }, () => clock.now);
    expect(p.inline(10, 0)).toBe(false);
    expect(p.cause).toMatch(/event loop 90 % busy/);
    clock.busy = 0.7;
    for (; clock.now < 29_950; clock.now += 50) expect(p.inline(10, 0)).toBe(false);
    clock.now = 30_000;
    expect(p.inline(10, 0)).toBe(true);
  });

  it('stays handed over while the loop is between the two thresholds (no flapping)', () => {
    const { p, clock } = policy();
    clock.busy = 0.9;
    p.inline();
    clock.busy = 0.7;
    clock.now = 10_000;
    expect(p.inline()).toBe(false);
    clock.busy = 0.6;
    expect(p.inline()).toBe(true);
  });

  it('holds twice as long when the web falls behind again soon after taking routing back, up to maxHoldMs', () => {
    const { p, clock } = policy();
    const cycle = () => {
      clock.busy = 0.9;
      const from = clock.now;
      expect(p.inline()).toBe(false);
      clock.busy = 0.1;
      while (!p.inline()) clock.now += 100;
      return clock.now - from;
    };
    expect(cycle()).toBe(2000);
    expect(cycle()).toBe(4000);
    expect(cycle()).toBe(8000);
    expect(cycle()).toBe(16_000);
    expect(cycle()).toBe(30_000);
    // Long calm: the next hand-over starts from holdMs again.
    clock.now += 120_000;
    expect(cycle()).toBe(2000);
  });

  it('on and off are fixed whatever the load', () => {
    for (const [mode, expected] of [['on', true], ['off', false]] as const) {
      const { p, clock } = policy(mode);
      for (const busy of [0.1, 1, 0.1]) {
        clock.busy = busy;
        expect(p.inline()).toBe(expected);
      }
    }
  });
});

describe('eventLoopBusyShare', () => {
  it('sees a busy loop as busy and an idle one as idle', async () => {
    const share = eventLoopBusyShare(2, 50);
    const spinUntil = Date.now() + 220;
    while (Date.now() < spinUntil) {
      // Busy: yield only briefly so the sampling timer runs.
      await new Promise((r) => setImmediate(r));
      const t = Date.now() + 20;
      while (Date.now() < t);
    }
    expect(share()).toBeGreaterThan(0.6);
    await new Promise((r) => setTimeout(r, 250));
    expect(share()).toBeLessThan(0.3);
  });
});

describe('inline start settings', () => {
  it('reads the mode: 1/on, 0/off, anything else (or unset) auto', () => {
    expect(inlineStartModeFromEnv('1')).toBe('on');
    expect(inlineStartModeFromEnv('on')).toBe('on');
    expect(inlineStartModeFromEnv('0')).toBe('off');
    expect(inlineStartModeFromEnv('off')).toBe('off');
    expect(inlineStartModeFromEnv(undefined)).toBe('auto');
    expect(inlineStartModeFromEnv('auto')).toBe('auto');
  });

  it('reads the thresholds as shares of the loop, the resume one never above the hand-over one', () => {
    expect(inlineStartOptionsFromEnv({ BATON_INLINE_HAND_OVER_ELU: '0.5', BATON_INLINE_RESUME_ELU: '0.7' })).toMatchObject({ handOverAbove: 0.5, resumeBelow: 0.5 });
    expect(inlineStartOptionsFromEnv({ BATON_INLINE_HAND_OVER_ELU: '2' })).toMatchObject({ handOverAbove: 0.95, resumeBelow: 0.6 });
    // A full batch of the inbound group commit counts as at capacity.
    expect(inlineStartOptionsFromEnv({}, 200).largeBatch).toBe(200);
  });

  it('reads how long the chain must stay behind before handing over, in whole milliseconds', () => {
    expect(inlineStartOptionsFromEnv({ BATON_INLINE_BEHIND_FOR_MS: '3000' }).behindForMs).toBe(3000);
    expect(inlineStartOptionsFromEnv({ BATON_INLINE_BEHIND_FOR_MS: '0' }).behindForMs).toBe(0);
    for (const bad of ['', '-5', '1.5', 'soon']) expect(inlineStartOptionsFromEnv({ BATON_INLINE_BEHIND_FOR_MS: bad }).behindForMs).toBe(3000);
    expect(inlineStartOptionsFromEnv({}).behindForMs).toBe(3000);
  });
});
