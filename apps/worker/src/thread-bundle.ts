import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * A simulation's threads as plain JavaScript: each thread's TypeScript entry bundled with the
 * workspace packages it imports (@baton/engine, @baton/db) into one ES module by esbuild, at
 * run time, once per process. Through tsx, every thread registered its loader hooks and
 * resolved and loaded each of a few hundred modules through them: 1.0–1.5 s of start-up for
 * the simulation thread and ~0.5 s for each version thread (2026-12-03, on the critical path
 * of every simulation), and tsx's keepNames wrapped every named function and class (~25 % of
 * the replay's CPU, bench/notes.md session 8). Bundled: ~0.35 s and ~0.1 s, no keepNames.
 *
 * npm packages (pg, drizzle-orm, luxon, zod, …) are not bundled: they stay imports of their
 * resolved files by absolute path, so the bundle may live anywhere and Node loads them as usual.
 * Each bundle is written once to a folder of the temporary directory named by its content's
 * hash and reused by every process that builds the same code (no clean-up to miss when a
 * process is killed; one small folder per version of the code). esbuild is a dependency of this package; tsx runs on
 * the same version. Anything failing here falls back to the tsx entries (the caller's choice).
 */
export type ThreadEntries = { simulation: URL; versionReplay: URL };

const SRC = path.dirname(fileURLToPath(import.meta.url));

let building: Promise<ThreadEntries> | null = null;

/** The bundled entries of the simulation thread and the version replay thread (built once). */
export function bundledThreadEntries(): Promise<ThreadEntries> {
  building ??= build().catch((err) => {
    building = null;
    throw err;
  });
  return building;
}

async function build(): Promise<ThreadEntries> {
  const esbuild = await import('esbuild');
  const resolved = new Map<string, Promise<{ path: string; errors: unknown[] }>>();
  const npmExternal = {
    name: 'npm-packages-external',
    setup(b: import('esbuild').PluginBuild) {
      b.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === 'resolving' || args.path.startsWith('@baton/')) return undefined;
        if (args.path.startsWith('node:')) return { path: args.path, external: true };
        // Once per package and importing workspace package (pnpm may give each its own copy).
        const key = `${args.path}\0${args.resolveDir.replace(/\/src(\/.*)?$/, '')}`;
        let found = resolved.get(key);
        if (!found) resolved.set(key, (found = b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'resolving' })));
        const r = await found;
        if (r.errors.length > 0) return { errors: r.errors as import('esbuild').PartialMessage[] };
        return { path: r.path, external: true };
      });
    },
  };
  const bundle = async (name: string, entry: string) => {
    const result = await esbuild.build({
      // The thread ends once its module has evaluated: its message port would keep it alive.
      stdin: { contents: `import './${entry}';\nprocess.exit(0);\n`, resolveDir: SRC, sourcefile: `${name}-entry.ts`, loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: `node${process.versions.node.split('.')[0]}`,
      outfile: `${name}.mjs`,
      write: false,
      plugins: [npmExternal],
      sourcemap: 'linked',
      logLevel: 'silent',
    });
    const code = result.outputFiles.find((f) => f.path.endsWith('.mjs'))!;
    const dir = path.join(tmpdir(), `baton-threads-${createHash('sha256').update(code.contents).digest('hex').slice(0, 16)}`);
    mkdirSync(dir, { recursive: true });
    // The map first: the module names it. Each file whole or not at all (a rename), whoever writes it.
    for (const file of [...result.outputFiles.filter((f) => f !== code), code]) {
      const target = path.join(dir, path.basename(file.path));
      if (existsSync(target)) continue;
      const partial = `${target}.${process.pid}.${Date.now()}.tmp`;
      writeFileSync(partial, file.contents);
      renameSync(partial, target);
    }
    return pathToFileURL(path.join(dir, path.basename(code.path)));
  };
  try {
    const [simulation, versionReplay] = await Promise.all([bundle('simulation-thread', 'simulation-thread.ts'), bundle('version-replay-thread', 'version-replay-thread.ts')]);
    return { simulation, versionReplay };
  } finally {
    // The esbuild service process is not needed until the next process start.
    await esbuild.stop();
  }
}
