import { describe, expect, it } from 'vitest';
import { webhookRetryDelayMs } from './webhook-backoff';

describe('webhook retry backoff', () => {
  it('grows fourfold per failed attempt from the base and stops growing at an hour', () => {
    expect([1, 2, 3, 4].map((n) => webhookRetryDelayMs(n))).toEqual([1000, 4000, 16000, 64000]);
    expect(webhookRetryDelayMs(9)).toBe(3_600_000);
    expect(webhookRetryDelayMs(50)).toBe(3_600_000);
    expect(webhookRetryDelayMs(2, 200)).toBe(800);
  });
});
