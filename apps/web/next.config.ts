import type { NextConfig } from 'next';
import { securityHeaders } from './src/security/security-headers';

const config: NextConfig = {
  // e2e builds into its own folder so it never collides with a developer's build or dev server.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  transpilePackages: ['@baton/db', '@baton/engine'],
  serverExternalPackages: ['pg', 'bullmq', 'ioredis', 'bcryptjs', 'undici'],
  typescript: { ignoreBuildErrors: true }, // typechecked separately by `pnpm typecheck`
  poweredByHeader: false,
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders() }];
  },
};

export default config;
