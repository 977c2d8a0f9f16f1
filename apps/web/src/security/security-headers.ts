/**
 * Headers every response carries: pages and API routes through next.config.ts, and the
 * ingestion fast path in server.ts, which answers before Next's header rules run.
 */
/**
 * HSTS only when the public URL is https in production: browsers then refuse plain http to this
 * host for a year (no `preload`: that is a decision for whoever owns the domain). Sent on an http
 * deployment it would do nothing useful, and on localhost it would pin the dev host to https.
 */
export function hstsHeader(env: string | undefined = process.env.NODE_ENV, publicUrl: string | undefined = process.env.NEXTAUTH_URL): string | null {
  return env === 'production' && publicUrl?.startsWith('https://') ? 'max-age=31536000; includeSubDomains' : null;
}

export function securityHeaders(
  env: string | undefined = process.env.NODE_ENV,
  publicUrl: string | undefined = process.env.NEXTAUTH_URL,
): Array<{ key: string; value: string }> {
  const hsts = hstsHeader(env, publicUrl);
  return [
    ...(hsts ? [{ key: 'Strict-Transport-Security', value: hsts }] : []),
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
