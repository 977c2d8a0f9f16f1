import { describe, expect, it } from 'vitest';
import { eachConcurrently } from './each-concurrently';

describe('eachConcurrently', () => {
  it('keeps the order of the results and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const out = await eachConcurrently([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect({ out, most }).toEqual({ out: [50, 10, 40, 20, 30, 0, 60], most: 3 });
  });

  it('handles nothing, and rejects with the first error', async () => {
    expect(await eachConcurrently([], 8, async () => 1)).toEqual([]);
    await expect(eachConcurrently([1, 2], 2, async (n) => (n === 2 ? Promise.reject(new Error('two')) : n))).rejects.toThrow('two');
  });
});
