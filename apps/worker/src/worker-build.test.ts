// The worker's build (build.mjs → dist/, run by start.mjs): what goes into the bundles, and that
// a dist/ built from other sources is recognised as stale. Running the built worker against
// real services: built-worker.int.test.ts.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, MANIFEST, ensureWorkerBuild, staleReason, type BuildManifest } from '../build.mjs';

const scratch = mkdtempSync(path.join(tmpdir(), 'worker-build-'));
let manifest: BuildManifest;

beforeAll(async () => {
  await ensureWorkerBuild(() => {});
  manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as BuildManifest;
}, 60_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of dist/build.json (and main.mjs beside it), changed by `change`: its staleness. */
function staleAfter(change: (m: BuildManifest) => void): string | null {
  const copy = structuredClone(manifest);
  change(copy);
  copyFileSync(path.join(DIST, 'main.mjs'), path.join(scratch, 'main.mjs'));
  writeFileSync(path.join(scratch, 'build.json'), JSON.stringify(copy));
  return staleReason(path.join(scratch, 'build.json'));
}

describe('the worker build', () => {
  it('bundles the worker and the workspace packages it imports, and no npm package', () => {
    const inputs = Object.keys(manifest.inputs);
    expect(inputs).toContain('src/main.ts');
    expect(inputs).toContain('src/simulation-thread.ts');
    expect(inputs).toContain('src/version-replay-thread.ts');
    for (const pkg of ['db', 'queue', 'engine']) expect(inputs.some((f) => f.startsWith(`../../packages/${pkg}/src/`))).toBe(true);
    expect(inputs.filter((f) => f.includes('node_modules'))).toEqual([]);
    // npm packages are imported from where pnpm installed them, by a path relative to dist/.
    const externals = manifest.externals.map((f) => f.split('/node_modules/').at(-1)!.split('/')[0]);
    expect(externals).toEqual(expect.arrayContaining(['bullmq', 'ioredis', 'pg', 'drizzle-orm', 'zod', 'luxon']));
    const main = readFileSync(path.join(DIST, 'main.mjs'), 'utf8');
    const specifiers = [...main.matchAll(/^import\s[^'"]*["']([^"']+)["'];?$/gm)].map((m) => m[1]!);
    expect(specifiers.length).toBeGreaterThan(5);
    for (const s of specifiers) expect(s, s).toMatch(/^(node:|\.\.\/\.\.\/\.\.\/node_modules\/\.pnpm\/)/);
  });

  it('is current right after a build, and stale once a file it was built from changed, went, or an npm package moved', () => {
    expect(staleReason()).toBeNull();
    expect(staleAfter(() => {})).toBeNull();
    expect(staleAfter((m) => (m.inputs['src/wait-processor.ts'] = '0000000000000000'))).toBe('src/wait-processor.ts changed');
    expect(staleAfter((m) => (m.inputs['src/no-such-file.ts'] = '0000000000000000'))).toBe('src/no-such-file.ts is gone');
    expect(staleAfter((m) => m.externals.push('../../node_modules/.pnpm/bullmq@0.0.1/node_modules/bullmq/dist/cjs/index.js'))).toBe(
      '../../node_modules/.pnpm/bullmq@0.0.1/node_modules/bullmq/dist/cjs/index.js is not installed',
    );
    expect(staleAfter((m) => (m.builder = 'another'))).toBe('built by another build script or Node major version');
    expect(staleReason(path.join(scratch, 'none', 'build.json'))).toBe('not built yet');
  });
});
