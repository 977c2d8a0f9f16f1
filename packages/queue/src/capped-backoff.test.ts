import { describe, expect, it } from 'vitest';
import { CAPPED_BACKOFF, cappedBackoff } from './queue-client';

describe('cappedBackoff', () => {
  it('doubles from 200 ms and never waits more than 2 s between attempts', () => {
    const delays = Array.from({ length: 8 }, (_, i) => cappedBackoff(i + 1, CAPPED_BACKOFF.type));
    expect(delays).toEqual([200, 400, 800, 1600, 2000, 2000, 2000, 2000]);
  });
  it('refuses a strategy it does not know (BullMQ would otherwise retry at once)', () => {
    expect(() => cappedBackoff(1, 'exponential')).toThrow();
  });
});
