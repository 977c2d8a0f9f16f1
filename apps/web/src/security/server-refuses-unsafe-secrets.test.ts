// The real production web entry (apps/web/server.ts, as `pnpm --filter @baton/web start` runs it:
// start-server.mjs, the bundle in dist/, rebuilt when stale) as a child process: missing or published
// secrets, or no NEXTAUTH_URL (the full rule table: production-secrets.test.ts), stop it before Next loads, with one line naming the variable.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { webSrc } from './discover-endpoints';

const webDir = path.resolve(webSrc, '..');
const strong = 'c0ffee'.repeat(8);
const other = 'beef'.repeat(12);

function startWeb(env: Record<string, string>) {
  const base = { ...process.env };
  for (const k of ['BATON_SECRET_KEY', 'NEXTAUTH_SECRET', 'AUTH_SECRET', 'NEXTAUTH_URL']) delete base[k];
  return spawnSync(process.execPath, ['start-server.mjs', '-p', '1', '-H', '127.0.0.1'], {
    cwd: webDir,
    env: { ...base, NODE_ENV: 'production', NEXT_DIST_DIR: '.next-does-not-exist', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('web start-up in production', () => {
  it.each([
    ['no session secret', { BATON_SECRET_KEY: strong, NEXTAUTH_URL: 'https://baton.example.com' }, /\[web\] refusing to start in production: NEXTAUTH_SECRET \(or AUTH_SECRET\) is not set: generate one with `openssl rand -hex 32`/],
    ['no public URL', { BATON_SECRET_KEY: strong, NEXTAUTH_SECRET: other }, /NEXTAUTH_URL is not set/],
  ])('is refused with %s', (_, env, line) => {
    const run = startWeb(env);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(line);
    expect(run.stdout).not.toContain('ready on');
  }, 70_000);
});
