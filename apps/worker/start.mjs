// `pnpm --filter @baton/worker start` (`node apps/worker/start.mjs`): the worker, from the bundle
// build.mjs wrote to dist/ — what production, docker-compose, `./scripts/dev.sh`, the bench and
// chaos run. A missing or stale dist/ (a source changed since it was built, see build.mjs) is
// rebuilt first, in ~1–4 s; one that cannot be written stops here with what to do.
// `pnpm dev` runs src/main.ts through tsx instead.
import { ensureWorkerBuild } from './build.mjs';

try {
  await ensureWorkerBuild();
} catch (err) {
  console.error(`[worker] dist/ is missing or stale and could not be rebuilt: ${err instanceof Error ? err.message : err}`);
  console.error('[worker] build it where the files can be written: pnpm --filter @baton/worker build');
  process.exit(1);
}
// Stack traces name the TypeScript sources (dist/*.mjs.map).
process.setSourceMapsEnabled(true);
await import('./dist/main.mjs');
