import { describe, expect, it } from 'vitest';

// Security headers on the running production build: pages, the sign-in page and the API.
describe('security headers', () => {
  for (const pathname of ['/sign-in', '/inbox', '/api/v1/openapi.json']) {
    it(`${pathname} sends CSP with frame-ancestors 'none', nosniff, DENY framing, no x-powered-by`, async () => {
      const res = await fetch(`${process.env.BATON_E2E_URL}${pathname}`, { redirect: 'manual' });
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toContain("'unsafe-eval'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('x-powered-by')).toBeNull();
    });
  }
});
