import { describe, expect, it } from 'vitest';
import { newPasswordField, safeCallbackUrl } from './auth-schemas';

describe('safeCallbackUrl: only paths on our own origin', () => {
  // Each of these leaves the site once the browser resolves it (it drops tabs and
  // newlines, reads `\` as `/`; Next has already decoded `%09` and `%0A`).
  const offsite = [
    '/\t/evil.com',
    decodeURIComponent('/%09/evil.com'),
    decodeURIComponent('/%0A/evil.com'),
    '/\n/evil.com',
    '/\r\n/evil.com',
    '/\\evil.com',
    '\\\\evil.com',
    '/\\/evil.com',
    '//evil.com',
    '///evil.com',
    '/.//evil.com',
    ' //evil.com',
    'https://evil.com',
    'https:evil.com',
    'http://evil.com/inbox',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '\t//evil.com',
  ];
  for (const value of offsite) {
    it(`refuses ${JSON.stringify(value)}`, () => {
      expect(safeCallbackUrl(value)).toBe('/inbox');
    });
  }

  it('keeps same-site paths with their query and hash, normalised', () => {
    expect(safeCallbackUrl('/team')).toBe('/team');
    expect(safeCallbackUrl('/invite/abc-DEF_123')).toBe('/invite/abc-DEF_123');
    expect(safeCallbackUrl('/inbox?view=mine&q=a%20b#c')).toBe('/inbox?view=mine&q=a%20b#c');
    expect(safeCallbackUrl('/a/../workflows')).toBe('/workflows');
  });

  it('falls back for nothing, or too much', () => {
    expect(safeCallbackUrl(undefined)).toBe('/inbox');
    expect(safeCallbackUrl('')).toBe('/inbox');
    expect(safeCallbackUrl(null, '/x')).toBe('/x');
    expect(safeCallbackUrl('/' + 'a'.repeat(3000))).toBe('/inbox');
  });
});

describe('new passwords: at most the 72 bytes bcrypt reads', () => {
  it('counts UTF-8 bytes, not characters', () => {
    expect(newPasswordField.safeParse('a'.repeat(72)).success).toBe(true);
    expect(newPasswordField.safeParse('a'.repeat(73)).success).toBe(false);
    // 36 two-byte letters = 72 bytes; 37 = 74.
    expect(newPasswordField.safeParse('é'.repeat(36)).success).toBe(true);
    const long = newPasswordField.safeParse('é'.repeat(37));
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.message).toMatch(/72 bytes/);
    expect(newPasswordField.safeParse('🔑'.repeat(19)).success).toBe(false);
    expect(newPasswordField.safeParse('short').error?.issues[0]?.message).toMatch(/at least 8/);
  });
});
