// The worker as plain JavaScript. `node build.mjs` (`pnpm --filter @baton/worker build`) bundles
// src/main.ts and the simulation's two thread entries, each with the workspace packages it
// imports, into one ES module each in dist/ (scripts/node-bundle.mjs: esbuild, npm packages
// imported from node_modules); start.mjs runs dist/main.mjs, after rebuilding it when a file it
// was built from changed since (dist/build.json). Through tsx a worker took 5–6 s to import its
// ~380 modules on a lightly loaded 2-core machine (3 s of CPU) and 7.6–14 s under chaos, while a
// killed worker's waits waited for it; from the bundle ~0.6 s.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, bundleEntries, ensureBuilt, staleReason as staleReasonOf } from '../../scripts/node-bundle.mjs';

export { writeFilesAtomically } from '../../scripts/node-bundle.mjs';
const self = fileURLToPath(import.meta.url);
export const WORKER_DIR = path.dirname(self);
export const DIST = path.join(WORKER_DIR, 'dist');
export const MANIFEST = path.join(DIST, 'build.json');
const SRC = path.join(WORKER_DIR, 'src');

/** The simulation's threads: each ends once its module has evaluated (its message port would keep it alive). */
export const THREAD_ENTRIES = {
  'simulation-thread': `import './simulation-thread.ts';\nprocess.exit(0);\n`,
  'version-replay-thread': `import './version-replay-thread.ts';\nprocess.exit(0);\n`,
};

/** Bundles of the worker's entries (resolved from src/), not written; npm files imported by absolute path. */
export function bundleWorkerEntries(entries) {
  return bundleEntries(entries, { resolveDir: SRC, outdir: DIST });
}

/** The worker's build: dist/main.mjs, simulation-thread.mjs, version-replay-thread.mjs, their maps, and build.json (written last). */
const WORKER_BUILD = {
  appDir: WORKER_DIR,
  outdir: DIST,
  entries: { main: `import './src/main.ts';\n`, ...Object.fromEntries(Object.entries(THREAD_ENTRIES).map(([name, code]) => [name, code.replace("'./", "'./src/")])) },
  buildScript: self,
  // The worker's thread-bundle.ts finds the threads' bundles beside it instead of building them.
  define: { BATON_BUILT_WORKER: 'true' },
};

/** Builds dist/ (WORKER_BUILD). */
export function buildWorker() {
  return buildApp(WORKER_BUILD);
}

/** Why dist/ (or the build whose manifest is `manifestFile`) cannot be run as it is, or null when it is current. */
export function staleReason(manifestFile = MANIFEST) {
  return staleReasonOf({ appDir: WORKER_DIR, manifestFile, main: 'main.mjs', buildScript: self });
}

/** Rebuilds dist/ when it is missing or stale; says why. Returns whether it built. */
export function ensureWorkerBuild(log = (m) => console.log(m)) {
  return ensureBuilt(WORKER_BUILD, { main: 'main.mjs', label: '[worker] built dist/', log });
}

// `node build.mjs` (this file is also bundled into dist/main.mjs, through src/thread-bundle.ts: not there).
if (path.basename(self) === 'build.mjs' && process.argv[1] && path.resolve(process.argv[1]) === self) {
  const t0 = Date.now();
  const manifest = await buildWorker();
  console.log(`[worker] built dist/ from ${Object.keys(manifest.inputs).length} files in ${Date.now() - t0} ms`);
}
