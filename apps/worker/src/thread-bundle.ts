import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { THREAD_ENTRIES, bundleWorkerEntries, writeFilesAtomically } from '../build.mjs';

/**
 * A simulation's threads as plain JavaScript: each thread's TypeScript entry bundled with the
 * workspace packages it imports (@baton/engine, @baton/db) into one ES module by esbuild
 * (../build.mjs, the worker's own build; scripts/node-bundle.mjs). Through tsx, every thread registered its loader hooks
 * and resolved and loaded each of a few hundred modules through them: 1.0–1.5 s of start-up for
 * the simulation thread and ~0.5 s for each version thread (2026-12-03, on the critical path
 * of every simulation), and tsx's keepNames wrapped every named function and class (~25 % of
 * the replay's CPU, bench/notes.md session 8). Bundled: ~0.35 s and ~0.1 s, no keepNames.
 *
 * The built worker (dist/main.mjs, start.mjs) has them beside it in dist/, built with it. A
 * worker run through tsx (`pnpm dev`, tests, bench/simulate.ts) builds them here, at run time,
 * once per process: each bundle is written to a folder of the temporary directory named by its
 * content's hash and reused by every process that builds the same code (no clean-up to miss
 * when a process is killed; one small folder per version of the code); npm packages stay
 * imports of their resolved files by absolute path, so the bundle may live anywhere. Anything
 * failing here falls back to the tsx entries (the caller's choice).
 */
export type ThreadEntries = { simulation: URL; versionReplay: URL };

/** `true` in the built worker (build.mjs defines it), undeclared under tsx. */
declare const BATON_BUILT_WORKER: boolean | undefined;

let building: Promise<ThreadEntries> | null = null;

/** The bundled entries of the simulation thread and the version replay thread (built once). */
export function bundledThreadEntries(): Promise<ThreadEntries> {
  if (typeof BATON_BUILT_WORKER !== 'undefined')
    // import.meta.url is dist/main.mjs here.
    return Promise.resolve({ simulation: new URL('./simulation-thread.mjs', import.meta.url), versionReplay: new URL('./version-replay-thread.mjs', import.meta.url) });
  building ??= build().catch((err) => {
    building = null;
    throw err;
  });
  return building;
}

async function build(): Promise<ThreadEntries> {
  const { files } = await bundleWorkerEntries(THREAD_ENTRIES);
  const written = (name: string) => {
    const ofThread = files.filter((f) => f.name.startsWith(`${name}.mjs`));
    const code = ofThread.find((f) => f.name === `${name}.mjs`)!;
    const dir = path.join(tmpdir(), `baton-threads-${createHash('sha256').update(code.contents).digest('hex').slice(0, 16)}`);
    // The map first (build.mjs orders them so): the module names it.
    writeFilesAtomically(dir, ofThread.filter((f) => !existsSync(path.join(dir, f.name))));
    return pathToFileURL(path.join(dir, code.name));
  };
  return { simulation: written('simulation-thread'), versionReplay: written('version-replay-thread') };
}
