// Runs once when a Next server starts (server.ts's app.prepare() and a bare `next start`):
// a production server with missing or published secrets must not come up at all.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { refuseToStartWithUnsafeSecrets } = await import('@baton/db/production-secrets');
  refuseToStartWithUnsafeSecrets('web', { needsPublicUrl: true });
}
