// The production web server (server.ts: Next behind the ingestion fast path) as plain
// JavaScript. `node build-server.mjs` bundles server.ts with the app's files and workspace
// packages it imports into dist/server.mjs (scripts/node-bundle.mjs: esbuild, npm packages —
// Next among them — imported from node_modules); start-server.mjs runs it, after rebuilding it
// when a file it was built from changed since (dist/build.json). Through tsx, the server's own
// modules took ~1.7 s to import on a lightly loaded 2-core machine, and every module Next loads
// went through tsx's hooks too. `next build` is separate (the pages, .next*).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, ensureBuilt } from '../../scripts/node-bundle.mjs';

const self = fileURLToPath(import.meta.url);
const WEB_DIR = path.dirname(self);
const DIST = path.join(WEB_DIR, 'dist');
const build = {
  appDir: WEB_DIR,
  outdir: DIST,
  entries: { server: `import './server.ts';\n` },
  buildScript: self,
  // `@/…` and the server-only stub, as tsx resolved them (TSX_TSCONFIG_PATH).
  tsconfig: path.join(WEB_DIR, 'tsconfig.server.json'),
  // server.ts: the app's folder is the bundle's parent.
  define: { BATON_BUILT_SERVER: 'true' },
};

/** Rebuilds dist/server.mjs when it is missing or stale; says why. Returns whether it built. */
export function ensureServerBuild(log = (m) => console.log(m)) {
  return ensureBuilt(build, { main: 'server.mjs', label: '[web] built dist/server.mjs', log });
}

if (process.argv[1] && path.resolve(process.argv[1]) === self) {
  const t0 = Date.now();
  const manifest = await buildApp(build);
  console.log(`[web] built dist/server.mjs from ${Object.keys(manifest.inputs).length} files in ${Date.now() - t0} ms`);
}
