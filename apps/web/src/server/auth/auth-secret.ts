// Shared by next-auth (route handler, getServerSession) and the proxy's token check.
// Production must set NEXTAUTH_SECRET: a known fallback there would let anyone mint sessions,
// so next-auth then refuses with NO_SECRET instead.
const DEV_FALLBACK_SECRET = 'baton-dev-only-secret-do-not-use-in-production';

export const authSecret: string | undefined =
  process.env.NEXTAUTH_SECRET ??
  process.env.AUTH_SECRET ??
  (process.env.NODE_ENV === 'production' ? undefined : DEV_FALLBACK_SECRET);

// next-auth v4 has no trustHost option: without NEXTAUTH_URL it only infers the origin from
// the request's Host when AUTH_TRUST_HOST is set. Our deployments sit behind a proxy we run.
if (!process.env.NEXTAUTH_URL && !process.env.AUTH_TRUST_HOST) process.env.AUTH_TRUST_HOST = 'true';
