// Node programs of this repository as plain JavaScript: a TypeScript entry bundled by esbuild
// with the workspace code it imports (the app's own files, @baton/engine, @baton/db,
// @baton/queue) into one ES module. Used by the worker's build (apps/worker/build.mjs → dist/,
// and its simulation threads at run time, apps/worker/src/thread-bundle.ts) and the web
// server's (apps/web/build-server.mjs → dist/server.mjs). Through tsx, every start registered
// tsx's loader hooks and resolved and loaded each workspace module and every npm module through
// them: the worker's ~380 modules took 5–6 s to import on a lightly loaded 2-core machine.
//
// npm packages (bullmq, ioredis, pg, drizzle-orm, next, …) are not bundled: they stay imports of
// their resolved files (a path relative to the bundle, or an absolute one for bundles written
// elsewhere), so Node loads them as usual — files they read beside themselves, native modules
// and their CommonJS interop behave exactly as under tsx.
//
// Next to the bundles, build.json lists every file that went into them with a hash of its
// content, and the npm files they import: `staleReason` tells a current build from one whose
// sources changed since (the start scripts rebuild then), so a checkout, a `git pull` or an edit
// never needs a build step to be remembered.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Bundles each entry (its name → the TypeScript source of its entry module, resolved from
 * `resolveDir`) into one ES module named `<name>.mjs` (and its map). npm packages stay imports:
 * `externalPath` turns a package file's absolute path into what the bundle imports. `define`
 * replaces globals (esbuild's define); `tsconfig` (its `paths`) resolves aliases. Nothing is
 * written; the result names every input file (absolute) and every imported npm file.
 * @param {Record<string, string>} entries
 * @param {{ resolveDir: string, outdir: string, externalPath?: (absolute: string) => string, define?: Record<string, string>, tsconfig?: string }} options
 */
export async function bundleEntries(entries, { resolveDir, outdir, externalPath = (p) => p, define = {}, tsconfig }) {
  // The app's own esbuild (a dependency of each app that bundles; the root has none).
  /** @type {typeof import('esbuild')} */
  const esbuild = await import(pathToFileURL(createRequire(path.join(resolveDir, 'package.json')).resolve('esbuild')).href);
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
        // An alias of the app's own files (tsconfig paths: `@/…`) is bundled like them.
        if (!r.path.includes(`${path.sep}node_modules${path.sep}`)) return { path: r.path };
        externals.add(r.path);
        return { path: externalPath(r.path), external: true };
      });
    },
  };
  const inputs = new Set();
  const build = async (name, contents) => {
    const result = await esbuild.build({
      stdin: { contents, resolveDir, sourcefile: `${name}-entry.ts`, loader: 'ts' },
      absWorkingDir: resolveDir,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: `node${process.versions.node.split('.')[0]}`,
      outfile: path.join(outdir, `${name}.mjs`),
      write: false,
      metafile: true,
      define,
      ...(tsconfig ? { tsconfig } : {}),
      plugins: [npmExternal],
      sourcemap: 'linked',
      logLevel: 'silent',
    });
    // Every file but the entry itself (stdin, named after `sourcefile`).
    for (const input of Object.keys(result.metafile.inputs)) if (!input.endsWith(`${name}-entry.ts`)) inputs.add(path.resolve(resolveDir, input));
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
const relativeImport = (from, to) => {
  const r = path.relative(from, to);
  return r.startsWith('.') ? r : `./${r}`;
};
/** What bundles depend on besides their inputs: how they are built (this file, the app's build script) and Node's major version (their target). */
const builderOf = (buildScript) => `${hashOf(readFileSync(fileURLToPath(import.meta.url)))} ${hashOf(readFileSync(buildScript))} node${process.versions.node.split('.')[0]}`;

/**
 * Builds `entries` of the app in `appDir` into `outdir` (their bundles and maps), and
 * `outdir`/build.json last. `buildScript`: the app's script calling this (part of the builder).
 * @param {{ appDir: string, outdir: string, entries: Record<string, string>, buildScript: string, define?: Record<string, string>, tsconfig?: string }} app
 */
export async function buildApp({ appDir, outdir, entries, buildScript, define, tsconfig }) {
  const { files, inputs, externals } = await bundleEntries(entries, { resolveDir: appDir, outdir, externalPath: (p) => relativeImport(outdir, p), define, tsconfig });
  const manifest = {
    builder: builderOf(buildScript),
    inputs: Object.fromEntries(inputs.map((file) => [path.relative(appDir, file), hashOf(readFileSync(file))])),
    externals: externals.map((file) => path.relative(appDir, file)),
  };
  writeFilesAtomically(outdir, [...files, { name: 'build.json', contents: new TextEncoder().encode(`${JSON.stringify(manifest, null, 1)}\n`) }]);
  return manifest;
}

/**
 * Why the build described by `manifestFile` cannot be run as it is (missing, or a file it was
 * built from changed or went, or an npm file it imports is not installed), or null when current.
 * @param {{ appDir: string, manifestFile: string, main: string, buildScript: string }} build
 */
export function staleReason({ appDir, manifestFile, main, buildScript }) {
  if (!existsSync(manifestFile) || !existsSync(path.join(path.dirname(manifestFile), main))) return 'not built yet';
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch {
    return `${path.relative(appDir, manifestFile)} unreadable`;
  }
  if (manifest.builder !== builderOf(buildScript)) return 'built by another build script or Node major version';
  for (const [file, hash] of Object.entries(manifest.inputs)) {
    const full = path.resolve(appDir, file);
    if (!existsSync(full)) return `${file} is gone`;
    if (hashOf(readFileSync(full)) !== hash) return `${file} changed`;
  }
  for (const file of manifest.externals) if (!existsSync(path.resolve(appDir, file))) return `${file} is not installed`;
  return null;
}

/**
 * Rebuilds the app (`buildApp`'s description) when `staleReason` says its build cannot run as
 * it is; logs why and how long it took. Returns whether it built. The start scripts call it.
 * @param {{ appDir: string, outdir: string, entries: Record<string, string>, buildScript: string, define?: Record<string, string>, tsconfig?: string }} app
 * @param {{ main: string, label: string, log: (m: string) => void }} opts `label` names what was built in the log line.
 */
export async function ensureBuilt(app, { main, label, log }) {
  const reason = staleReason({ appDir: app.appDir, manifestFile: path.join(app.outdir, 'build.json'), main, buildScript: app.buildScript });
  if (!reason) return false;
  const t0 = Date.now();
  await buildApp(app);
  log(`${label} in ${Date.now() - t0} ms (${reason})`);
  return true;
}
