import { describe, expect, it } from 'vitest';
import { hstsHeader, securityHeaders } from './security-headers';

const hsts = (h: Array<{ key: string; value: string }>) => h.find((x) => x.key === 'Strict-Transport-Security')?.value;

describe('security headers', () => {
  it('send HSTS in production when the public URL is https', () => {
    expect(hsts(securityHeaders('production', 'https://baton.example.com'))).toBe('max-age=31536000; includeSubDomains');
    expect(hstsHeader('production', 'https://baton.example.com')).toBe('max-age=31536000; includeSubDomains');
  });

  it('not over plain http, nor outside production (it would pin localhost to https)', () => {
    expect(hsts(securityHeaders('production', 'http://localhost:3000'))).toBeUndefined();
    expect(hsts(securityHeaders('production', undefined))).toBeUndefined();
    expect(hsts(securityHeaders('development', 'https://baton.example.com'))).toBeUndefined();
  });
});
