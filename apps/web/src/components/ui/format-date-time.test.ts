import { describe, expect, it } from 'vitest';
import { formatDateTime as raw } from './format-date-time';

// ICU versions differ on the space before AM/PM (U+202F or a plain space).
const formatDateTime = (...args: Parameters<typeof raw>) => raw(...args).replace(/\s/g, ' ');

const at = '2026-12-01T20:48:41.054Z';

describe('formatDateTime', () => {
  it('writes the same instant in the zone it is given', () => {
    expect(formatDateTime(at, { timeZone: 'UTC', locale: 'en-US' })).toBe('Dec 1, 2026, 8:48 PM');
    expect(formatDateTime(at, { timeZone: 'Europe/Paris', locale: 'en-US' })).toBe('Dec 1, 2026, 9:48 PM');
    expect(formatDateTime(at, { timeZone: 'Asia/Tokyo', locale: 'en-US' })).toBe('Dec 2, 2026, 5:48 AM');
  });

  it('accepts a Date, an ISO string or epoch milliseconds alike', () => {
    const opts = { timeZone: 'UTC', locale: 'en-US' };
    const s = formatDateTime(at, opts);
    expect(formatDateTime(new Date(at), opts)).toBe(s);
    expect(formatDateTime(Date.parse(at), opts)).toBe(s);
  });

  it('has a date-only and a seconds style', () => {
    expect(formatDateTime(at, { timeZone: 'UTC', locale: 'en-US', style: 'date' })).toBe('Dec 1, 2026');
    expect(formatDateTime(at, { timeZone: 'UTC', locale: 'en-US', style: 'datetime-seconds' })).toBe('Dec 1, 2026, 8:48:41 PM');
  });

  it('falls back to the default zone for an unknown zone name instead of throwing', () => {
    expect(() => formatDateTime(at, { timeZone: 'Mars/Olympus', locale: 'en-US' })).not.toThrow();
  });

  it('writes a dash for an invalid date', () => {
    expect(formatDateTime('not a date')).toBe('—');
  });
});
