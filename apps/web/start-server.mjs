// `pnpm --filter @baton/web start [-p 3000] [-H 0.0.0.0]` (`node apps/web/start-server.mjs`): the
// production web server from its bundle, dist/server.mjs (build-server.mjs), rebuilt first when
// it is missing or a source changed since; one that cannot be written stops here with what to
// do. The pages are `next build`'s (`pnpm --filter @baton/web build`, NEXT_DIST_DIR).
import { ensureServerBuild } from './build-server.mjs';

try {
  await ensureServerBuild();
} catch (err) {
  console.error(`[web] dist/server.mjs is missing or stale and could not be rebuilt: ${err instanceof Error ? err.message : err}`);
  console.error('[web] build it where the files can be written: node apps/web/build-server.mjs');
  process.exit(1);
}
// Stack traces name the TypeScript sources (dist/server.mjs.map).
process.setSourceMapsEnabled(true);
await import('./dist/server.mjs');
