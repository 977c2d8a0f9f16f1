/**
 * Headers every response carries: pages and API routes through next.config.ts, and the
 * ingestion fast path in server.ts, which answers before Next's header rules run.
 */
export function securityHeaders(env: string | undefined = process.env.NODE_ENV): Array<{ key: string; value: string }> {
  return [
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    { key: 'X-Frame-Options', value: 'DENY' },
    {
      key: 'Content-Security-Policy',
      value: [
        "default-src 'self'",
        // Next's runtime injects inline bootstrap scripts; dev also needs eval for HMR.
        `script-src 'self' 'unsafe-inline'${env === 'development' ? " 'unsafe-eval'" : ''}`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "font-src 'self' data:",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ].join('; '),
    },
  ];
}
