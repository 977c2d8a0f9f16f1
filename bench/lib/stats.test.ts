import { describe, expect, it } from 'vitest';
import { acrossRounds } from './stats';

describe('acrossRounds', () => {
  it('keeps shares to 4 digits (a round that handled 97.4 % is not 100 %), times to one', () => {
    const rounds = [
      { handledShare: 0.9856, p99: 731.46 },
      { handledShare: 0.9801, p99: 532.04 },
      { handledShare: 0.9744, p99: 579.55 },
    ];
    const out = acrossRounds(rounds, ['handledShare', 'p99']);
    expect(out.handledShare.median).toBe(0.9801);
    expect(out.handledShare.median).toBeLessThan(0.999);
    expect(out.p99.median).toBe(579.6);
  });
});
