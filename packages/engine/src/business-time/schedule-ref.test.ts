import { describe, expect, it } from 'vitest';
import { formatInstant, splitInstants } from './schedule-ref';

describe('splitInstants (run logs read back in the viewer’s zone)', () => {
  const t = Date.UTC(2026, 0, 6, 8, 0); // Tue 6 Jan 2026 09:00 in Berlin

  it('cuts a log at the instants formatInstant wrote and gives each back as epoch ms', () => {
    const text = `Waiting 2 hours of business hours: until ${formatInstant(t, 'Europe/Berlin')}.`;
    expect(text).toBe('Waiting 2 hours of business hours: until Tue 6 Jan 2026 09:00 (Europe/Berlin).');
    expect(splitInstants(text)).toEqual(['Waiting 2 hours of business hours: until ', t, '.']);
  });

  it('reads several instants in several zones', () => {
    const later = t + 90 * 60_000;
    const text = `Open now (${formatInstant(t, 'America/New_York')}); due ${formatInstant(later, 'Asia/Kolkata')}`;
    expect(splitInstants(text)).toEqual(['Open now (', t, '); due ', later]);
  });

  it('settles the hour a clock change repeats with the instant the decision stored', () => {
    // 26 Oct 2025, Berlin: 02:30 happens twice (CEST, then CET). The second one:
    const second = Date.UTC(2025, 9, 26, 1, 30);
    const text = `Waiting until ${formatInstant(second, 'Europe/Berlin')}.`;
    expect(splitInstants(text, [second])).toEqual(['Waiting until ', second, '.']);
    expect([second - 3_600_000, second]).toContain(splitInstants(text)[1]); // unaided: one of the two
  });

  it('leaves text without instants (or with a date it did not write) as it is', () => {
    expect(splitInstants('Assigned to Alice.')).toEqual(['Assigned to Alice.']);
    expect(splitInstants('Due 2026-01-06.')).toEqual(['Due 2026-01-06.']);
  });
});
