import { describe, expect, it } from 'vitest';
import { SerialPasses } from './serial-passes';

describe('one pass at a time', () => {
  it('never runs two passes at once, and answers wakes during a pass with exactly one more', async () => {
    let running = 0;
    let maxRunning = 0;
    let passes = 0;
    let release!: () => void;
    const passes$ = new SerialPasses(async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      passes++;
      if (passes === 1) await new Promise<void>((r) => (release = r));
      running--;
    }, () => {});
    passes$.wake();
    passes$.wake();
    passes$.wake();
    release();
    await passes$.idle();
    expect({ passes, maxRunning }).toEqual({ passes: 2, maxRunning: 1 });
  });

  it('starts nothing once stopped, and reports a failing pass without stopping later ones', async () => {
    const errors: string[] = [];
    let passes = 0;
    const p = new SerialPasses(async () => {
      passes++;
      if (passes === 1) throw new Error('boom');
    }, (e) => errors.push(e.message));
    p.wake();
    await p.idle();
    p.wake();
    await p.idle();
    await p.stop();
    p.wake();
    await p.idle();
    expect({ passes, errors }).toEqual({ passes: 2, errors: ['boom'] });
  });
});
