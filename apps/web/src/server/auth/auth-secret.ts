// Shared by next-auth (route handler, getServerSession) and the proxy's token check.
// Production must set NEXTAUTH_SECRET (or AUTH_SECRET) to a strong value of its own: server.ts
// and instrumentation.ts refuse to start otherwise (refuseToStartWithUnsafeSecrets). Outside
// production a constant keeps `next dev` and the tests working without setup.
const DEV_FALLBACK_SECRET = 'baton-dev-only-secret-do-not-use-in-production';

export const authSecret: string | undefined =
  process.env.NEXTAUTH_SECRET ||
  process.env.AUTH_SECRET ||
  (process.env.NODE_ENV === 'production' ? undefined : DEV_FALLBACK_SECRET);

// next-auth v4 has no trustHost option: without NEXTAUTH_URL it only infers the origin from the
// request's Host when AUTH_TRUST_HOST is set. That is for development only: production must set
// NEXTAUTH_URL (checked at start-up), so a forged Host header never shapes callback URLs.
if (process.env.NODE_ENV !== 'production' && !process.env.NEXTAUTH_URL && !process.env.AUTH_TRUST_HOST) process.env.AUTH_TRUST_HOST = 'true';
