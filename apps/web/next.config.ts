import type { NextConfig } from 'next';
import { securityHeaders } from './src/security/security-headers';

const config: NextConfig = {
  // e2e builds into its own folder so it never collides with a developer's build or dev server.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  transpilePackages: ['@baton/db', '@baton/engine'],
  serverExternalPackages: ['pg', 'bullmq', 'ioredis', 'bcryptjs', 'undici'],
  typescript: { ignoreBuildErrors: true }, // typechecked separately by `pnpm typecheck`
  poweredByHeader: false,
  // BATON_BROWSER_SOURCEMAPS=1: browser source maps in a production build, so a CPU profile of the
  // builder (bench/builder-canvas.ts, BENCH_PROFILE=1) names our functions instead of minified ones.
  productionBrowserSourceMaps: process.env.BATON_BROWSER_SOURCEMAPS === '1',
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders() }];
  },
};

export default config;
