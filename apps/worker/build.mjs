// The worker as plain JavaScript. `node build.mjs` (`pnpm --filter @baton/worker build`) bundles
// src/main.ts and the simulation's two thread entries, each with the workspace packages it
// imports (@baton/engine, @baton/db, @baton/queue), into one ES module each in dist/, with
// esbuild; start.mjs runs dist/main.mjs. Through tsx, every start registered tsx's loader hooks
// and resolved and loaded each of ~380 workspace modules and every npm module through them:
// 5–6 s of start-up on a lightly loaded 2-core machine (3 s of CPU), 7.6–14 s under chaos,
// during which a killed worker's waits wait. Bundled: ~0.6 s.
//
// npm packages (bullmq, ioredis, pg, drizzle-orm, luxon, zod, …) are not bundled: they stay
// imports of their resolved files (relative paths from dist/ into node_modules/.pnpm, or
// absolute ones for bundles written elsewhere), so Node loads them as usual — files they read
// beside themselves, native modules and their CommonJS interop behave exactly as under tsx.
//
// dist/build.json lists every file that went into the bundles with a hash of its content, and
// the npm files they import: start.mjs rebuilds before starting when one of them changed (a
// stale bundle would run yesterday's code), so a checkout, a `git pull` or an edit never needs
// a build step to be remembered. The thread bundles of a worker run through tsx (`pnpm dev`,
// tests) are built with the same code at run time (src/thread-bundle.ts).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WORKER_DIR = path.dirname(fileURLToPath(import.meta.url));
export const DIST = path.join(WORKER_DIR, 'dist');
const SRC = path.join(WORKER_DIR, 'src');
export const MANIFEST = path.join(DIST, 'build.json');

/** The simulation's threads: each ends once its module has evaluated (its message port would keep it alive). */
export const THREAD_ENTRIES = {
  'simulation-thread': `import './simulation-thread.ts';\nprocess.exit(0);\n`,
  'version-replay-thread': `import './version-replay-thread.ts';\nprocess.exit(0);\n`,
};
/** The worker's entries in dist/. */
const WORKER_ENTRIES = { main: `import './main.ts';\n`, ...THREAD_ENTRIES };

/**
 * Bundles each entry (its name → the TypeScript source of its entry module, resolved from src/)
 * into one ES module. npm packages stay imports: `externalPath` turns a package file's absolute
 * path into what the bundle imports. `define` replaces globals (esbuild's define) in every bundle.
 * Nothing is written; the result names every input file (absolute) and imported npm file.
 * @param {Record<string, string>} entries
 * @param {{ externalPath?: (absolute: string) => string, define?: Record<string, string> }} [options]
 * @returns {Promise<{ files: { name: string, contents: Uint8Array }[], inputs: string[], externals: string[] }>}
 */
export async function bundleEntries(entries, { externalPath = (p) => p, define = {} } = {}) {
  const esbuild = await import('esbuild');
  /** @type {Map<string, Promise<import('esbuild').ResolveResult>>} */
  const resolved = new Map();
  const externals = new Set();
  /** @type {import('esbuild').Plugin} */
  const npmExternal = {
    name: 'npm-packages-external',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === 'resolving' || args.path.startsWith('@baton/')) return undefined;
        if (args.path.startsWith('node:')) return { path: args.path, external: true };
        // Once per package and importing workspace package (pnpm may give each its own copy).
        const key = `${args.path}\0${args.resolveDir.replace(/\/src(\/.*)?$/, '')}`;
        let found = resolved.get(key);
        if (!found) resolved.set(key, (found = b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'resolving' })));
        const r = await found;
        if (r.errors.length > 0) return { errors: r.errors };
        externals.add(r.path);
        return { path: externalPath(r.path), external: true };
      });
    },
  };
  const inputs = new Set();
  const build = async (name, contents) => {
    const result = await esbuild.build({
      stdin: { contents, resolveDir: SRC, sourcefile: `${name}-entry.ts`, loader: 'ts' },
      absWorkingDir: WORKER_DIR,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: `node${process.versions.node.split('.')[0]}`,
      outfile: path.join(DIST, `${name}.mjs`),
      write: false,
      metafile: true,
      define,
      plugins: [npmExternal],
      sourcemap: 'linked',
      logLevel: 'silent',
    });
    // Every file but the entry itself (stdin, named after `sourcefile`).
    for (const input of Object.keys(result.metafile.inputs)) if (!input.endsWith(`${name}-entry.ts`)) inputs.add(path.resolve(WORKER_DIR, input));
    // The map first: the module names it.
    const code = result.outputFiles.find((f) => f.path.endsWith('.mjs'));
    return [...result.outputFiles.filter((f) => f !== code), code].map((f) => ({ name: path.basename(f.path), contents: f.contents }));
  };
  try {
    const files = (await Promise.all(Object.entries(entries).map(([name, contents]) => build(name, contents)))).flat();
    return { files, inputs: [...inputs].sort(), externals: [...externals].sort() };
  } finally {
    // The esbuild service process is not needed until the next build.
    await esbuild.stop();
  }
}

/** Writes each file whole or not at all (a rename), whoever else writes the same file at the same time. */
export function writeFilesAtomically(dir, files) {
  mkdirSync(dir, { recursive: true });
  for (const file of files) {
    const target = path.join(dir, file.name);
    const partial = `${target}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(partial, file.contents);
    renameSync(partial, target);
  }
}

const hashOf = (contents) => createHash('sha256').update(contents).digest('hex').slice(0, 16);
const relative = (from, to) => {
  const r = path.relative(from, to);
  return r.startsWith('.') ? r : `./${r}`;
};
/** What the bundles depend on besides their inputs: this file (how they are built) and Node's major version (their target). */
const builder = () => `${hashOf(readFileSync(fileURLToPath(import.meta.url)))} node${process.versions.node.split('.')[0]}`;

/** Builds dist/: main.mjs, simulation-thread.mjs, version-replay-thread.mjs, their maps, and build.json (written last). */
export async function buildWorker() {
  const { files, inputs, externals } = await bundleEntries(WORKER_ENTRIES, {
    externalPath: (p) => relative(DIST, p),
    // The worker's thread-bundle.ts finds the threads' bundles beside it instead of building them.
    define: { BATON_BUILT_WORKER: 'true' },
  });
  const manifest = {
    builder: builder(),
    inputs: Object.fromEntries(inputs.map((file) => [path.relative(WORKER_DIR, file), hashOf(readFileSync(file))])),
    externals: externals.map((file) => path.relative(WORKER_DIR, file)),
  };
  writeFilesAtomically(DIST, [...files, { name: 'build.json', contents: new TextEncoder().encode(`${JSON.stringify(manifest, null, 1)}\n`) }]);
  return manifest;
}

/** Why dist/ cannot be run as it is (missing, or a file it was built from changed), or null when it is current. */
export function staleReason(manifestFile = MANIFEST) {
  if (!existsSync(manifestFile) || !existsSync(path.join(path.dirname(manifestFile), 'main.mjs'))) return 'not built yet';
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch {
    return 'dist/build.json unreadable';
  }
  if (manifest.builder !== builder()) return 'built by another build.mjs or Node major version';
  for (const [file, hash] of Object.entries(manifest.inputs)) {
    const full = path.resolve(WORKER_DIR, file);
    if (!existsSync(full)) return `${file} is gone`;
    if (hashOf(readFileSync(full)) !== hash) return `${file} changed`;
  }
  for (const file of manifest.externals) if (!existsSync(path.resolve(WORKER_DIR, file))) return `${file} is not installed`;
  return null;
}

/** Rebuilds dist/ when it is missing or stale; says why. Returns whether it built. */
export async function ensureWorkerBuild(log = (m) => console.log(m)) {
  const reason = staleReason();
  if (!reason) return false;
  const t0 = Date.now();
  await buildWorker();
  log(`[worker] built dist/ in ${Date.now() - t0} ms (${reason})`);
  return true;
}

// `node build.mjs` (this file is also bundled into dist/main.mjs, through src/thread-bundle.ts: not there).
const self = fileURLToPath(import.meta.url);
if (path.basename(self) === 'build.mjs' && process.argv[1] && path.resolve(process.argv[1]) === self) {
  const t0 = Date.now();
  const manifest = await buildWorker();
  console.log(`[worker] built dist/ from ${Object.keys(manifest.inputs).length} files in ${Date.now() - t0} ms`);
}
